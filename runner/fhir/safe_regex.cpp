#include "runner/fhir/safe_regex.h"

#include <pthread.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <functional>
#include <string_view>

namespace gpc::fhir {
namespace {

// Below this length the caller's own stack is plenty (a few hundred bytes a character).
constexpr std::size_t kOwnStackBytes = 2000;
// Stack for a long subject: generous per character (sanitizer builds have larger frames),
// reserved as address space and only touched as deep as the match goes.
constexpr std::size_t kStackPerByte = 2048, kStackBase = 1 << 20;

void* runTask(void* task) {
  (*static_cast<std::function<void()>*>(task))();
  return nullptr;
}

// Runs `work` to completion on a thread with `stackBytes` of stack; rethrows what it threw.
void onLargeStack(std::size_t stackBytes, const std::function<void()>& work) {
  std::exception_ptr failure;
  std::function<void()> task = [&] {
    try {
      work();
    } catch (...) {
      failure = std::current_exception();
    }
  };
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stackBytes);
  pthread_t thread;
  const int started = pthread_create(&thread, &attr, runTask, &task);
  pthread_attr_destroy(&attr);
  if (started != 0) throw RegexTooCostly("cannot start a thread to match a long string (error " + std::to_string(started) + ")");
  pthread_join(thread, nullptr);
  if (failure) std::rethrow_exception(failure);
}

template <typename Work>
void guarded(const std::string& subject, Work&& work) {
  if (subject.size() <= kOwnStackBytes) return work();
  if (subject.size() > kMaxSubjectBytes) {
    throw RegexTooCostly("a string of " + std::to_string(subject.size()) + " bytes is too long to match a regular expression against (limit " +
                         std::to_string(kMaxSubjectBytes) + ")");
  }
  onLargeStack(kStackBase + subject.size() * kStackPerByte, work);
}

// Length of the brace quantifier {n}, {n,} or {n,m} at pattern[i], or 0 when the brace is
// a literal; `count` receives its largest number, read with saturation so none overflows.
std::size_t braceQuantifier(std::string_view pattern, std::size_t i, std::size_t* count) {
  std::size_t j = i + 1, digits = 0, largest = 0, n = 0;
  bool comma = false;
  for (; j < pattern.size(); ++j) {
    const char c = pattern[j];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      n = n > kMaxRepetition ? n : n * 10 + static_cast<std::size_t>(c - '0');
      ++digits;
    } else if (c == ',' && !comma && digits > 0) {
      comma = true;
      largest = n;
      n = 0;
    } else {
      break;
    }
  }
  // The count is kept even for a malformed brace: libstdc++ reads its digits into a long
  // before it finds the brace is not a quantifier ("{0222...22,,}").
  *count = std::max(largest, n);
  if (digits == 0 || j >= pattern.size() || pattern[j] != '}') return 0;
  return j - i + 1;
}

// Why std::regex must not see `pattern`, or "" when it may. Things libstdc++ accepts and
// should not: numbers it overflows on while compiling (repetition counts, backreferences),
// and a quantifier on a quantifier ("a**", a syntax error in ECMAScript) whose nested
// backtracking runs for hours.
std::string refusal(std::string_view pattern) {
  bool inClass = false, afterQuantifier = false, lazyTaken = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      // \N is a backreference (\0 an octal escape), its digits read into a long as well.
      std::size_t digits = 0;
      while (i + 1 + digits < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[i + 1 + digits]))) ++digits;
      if (digits > 3) return "an escape followed by " + std::to_string(digits) + " digits is refused (column " + std::to_string(i + 1) + ")";
      i += digits > 0 ? digits : 1;
      afterQuantifier = false;
      continue;
    }
    if (inClass) {
      inClass = c != ']';
      continue;
    }
    std::size_t count = 0, length = 1;
    const bool quantifier = c == '*' || c == '+' || c == '?' || (c == '{' && (length = braceQuantifier(pattern, i, &count)) > 0);
    if (count > kMaxRepetition) return "a repetition count over " + std::to_string(kMaxRepetition) + " is refused";
    if (!quantifier) {
      afterQuantifier = false;
      inClass = c == '[';
      continue;
    }
    if (c == '?' && i > 0 && pattern[i - 1] == '(') continue;  // (?: (?= (?! open groups
    if (afterQuantifier) {
      if (c == '?' && !lazyTaken) {  // a*? is the lazy form of a*
        lazyTaken = true;
        continue;
      }
      return "a quantifier may not follow another (column " + std::to_string(i + 1) + ")";
    }
    afterQuantifier = true;
    lazyTaken = false;
    i += length - 1;
  }
  return "";
}

}  // namespace

std::regex compileRegex(const std::string& pattern, std::regex::flag_type flags) {
  if (const auto why = refusal(pattern); !why.empty()) throw RegexRefused(why);
  return std::regex(pattern, flags);
}

bool regexSearch(const std::string& subject, const std::regex& re) {
  bool found = false;
  guarded(subject, [&] { found = std::regex_search(subject, re); });
  return found;
}

bool regexMatch(const std::string& subject, const std::regex& re) {
  bool matched = false;
  guarded(subject, [&] { matched = std::regex_match(subject, re); });
  return matched;
}

bool regexMatch(const std::string& subject, std::smatch& match, const std::regex& re) {
  bool matched = false;
  guarded(subject, [&] { matched = std::regex_match(subject, match, re); });
  return matched;
}

std::string regexReplace(const std::string& subject, const std::regex& re, const std::string& with) {
  std::string out;
  guarded(subject, [&] { out = std::regex_replace(subject, re, with); });
  return out;
}

}  // namespace gpc::fhir
