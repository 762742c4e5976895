#include "runner/fhir/safe_regex.h"

#include <pthread.h>

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

// The largest repetition count in `pattern` ({n}, {n,}, {n,m}), outside classes and escapes;
// counts are read with saturation, so no number can overflow.
std::size_t largestRepetition(std::string_view pattern) {
  std::size_t largest = 0;
  bool inClass = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '[') inClass = true;
    if (c == ']') inClass = false;
    if (c != '{' || inClass) continue;
    for (std::size_t j = i + 1; j < pattern.size(); ++j) {
      if (!std::isdigit(static_cast<unsigned char>(pattern[j]))) {
        if (pattern[j] == ',') continue;
        break;
      }
      std::size_t n = 0;
      for (; j < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[j])); ++j)
        n = n > kMaxRepetition ? n : n * 10 + static_cast<std::size_t>(pattern[j] - '0');
      if (n > largest) largest = n;
      --j;
    }
  }
  return largest;
}

}  // namespace

std::regex compileRegex(const std::string& pattern, std::regex::flag_type flags) {
  if (largestRepetition(pattern) > kMaxRepetition) {
    throw RegexRefused("a repetition count over " + std::to_string(kMaxRepetition) + " is refused");
  }
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
