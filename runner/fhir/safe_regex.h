#pragma once
// std::regex, made safe for text a provider sent. libstdc++ compiles and matches by recursion:
// matching spends a stack frame or more on every character a quantifier consumes (a 30 KB
// string against [\s\S]* overflows an 8 MB stack and kills the process), and a repetition
// count such as {2222222222222222222} overflows while it is parsed. So patterns with counts
// above kMaxRepetition are refused as invalid, long subjects are matched on a thread whose
// stack is sized for them, and subjects over kMaxSubjectBytes are refused as too costly.
// Every use of std::regex on provider data goes through here.

#include <cstddef>
#include <regex>
#include <stdexcept>
#include <string>
#include <utility>

namespace gpc::fhir {

constexpr std::size_t kMaxRepetition = 1000;
constexpr std::size_t kMaxSubjectBytes = 256 * 1024;

// A subject too long to match safely; the message names its length and the limit.
struct RegexTooCostly : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A pattern refused before std::regex sees it; a regex_error, so callers need no new case.
class RegexRefused : public std::regex_error {
 public:
  explicit RegexRefused(std::string message)
      : std::regex_error(std::regex_constants::error_badbrace), message_(std::move(message)) {}
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

// std::regex(pattern, flags), but a repetition count over kMaxRepetition is RegexRefused.
std::regex compileRegex(const std::string& pattern,
                        std::regex::flag_type flags = std::regex::ECMAScript);

// std::regex_search / regex_match / regex_replace over `subject`; throw RegexTooCostly.
bool regexSearch(const std::string& subject, const std::regex& re);
bool regexMatch(const std::string& subject, const std::regex& re);
bool regexMatch(const std::string& subject, std::smatch& match, const std::regex& re);
std::string regexReplace(const std::string& subject, const std::regex& re, const std::string& with);

}  // namespace gpc::fhir
