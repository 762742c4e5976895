// std::regex over provider text: long subjects no longer overflow the stack, huge repetition
// counts are refused, and subjects past the limit are refused with their length.
#include <gtest/gtest.h>

#include "runner/fhir/safe_regex.h"
#include "runner/fhir/utf8.h"

namespace {

using namespace gpc::fhir;

// 100,000 characters against [\s\S]* took libstdc++'s recursive matcher past an 8 MB stack
// (a segmentation fault, measured); on the sized thread it is an ordinary match.
TEST(SafeRegex, LongSubjectsMatchWithoutExhaustingTheStack) {
  const std::string longText(200'000, 'a');
  EXPECT_TRUE(regexMatch(longText, compileRegex(R"(^[\s\S]*$)")));
  EXPECT_TRUE(regexSearch(longText + "b", compileRegex(R"((a|b)*b$)")));
  EXPECT_EQ(regexReplace(std::string(50'000, 'x'), compileRegex("x+"), "y"), "y");
  std::smatch m;
  EXPECT_TRUE(regexMatch(longText, m, compileRegex("(a*)")));
  EXPECT_EQ(m[1].length(), 200'000);
  EXPECT_FALSE(regexMatch("short", compileRegex("a+")));
}

TEST(SafeRegex, SubjectsPastTheLimitAreRefusedWithTheirLength) {
  const std::string tooLong(kMaxSubjectBytes + 1, 'a');
  try {
    regexSearch(tooLong, compileRegex("a"));
    FAIL() << "no refusal";
  } catch (const RegexTooCostly& e) {
    EXPECT_NE(std::string(e.what()).find(std::to_string(kMaxSubjectBytes + 1) + " bytes"), std::string::npos) << e.what();
  }
}

// Found by the fhirpath fuzz target (fuzz/regressions/fhirpath/regex-repetition-count-overflow):
// libstdc++ multiplied the digits of {0222...229} into a signed overflow while compiling.
TEST(SafeRegex, RepetitionCountsPastTheLimitAreRefused) {
  EXPECT_THROW(compileRegex("9]{0222222222222222222222222222222222222222229}$"), std::regex_error);
  EXPECT_THROW(compileRegex("a{1001}"), RegexRefused);
  EXPECT_THROW(compileRegex("a{2,99999999999999999999}"), RegexRefused);
  // Found by the fhirpath fuzz target (fuzz/regressions/fhirpath/malformed-brace-count-overflow):
  // a brace that is no quantifier still has its digits read.
  EXPECT_THROW(compileRegex("am]{02222222222202222222222222,,,,,,YYY04}$"), RegexRefused);
  EXPECT_NO_THROW(compileRegex("a{1000}"));
  EXPECT_NO_THROW(compileRegex(R"([{99999}]\{99999})"));  // a class and an escaped brace count nothing
  // Found by the fhirpath fuzz target (fuzz/regressions/fhirpath/backreference-number-overflow).
  EXPECT_THROW(compileRegex("(a)\\6666666666666666666666"), RegexRefused);
  EXPECT_THROW(compileRegex("[\\66666]"), RegexRefused);
  EXPECT_NO_THROW(compileRegex("(a)\\1b\\d{3}"));
  try {
    compileRegex("a{5000}");
  } catch (const RegexRefused& e) {
    EXPECT_STREQ(e.what(), "a repetition count over 1000 is refused");
  }
}

// Found by the fhirpath fuzz target (fuzz/regressions/fhirpath/stacked-quantifiers-backtrack):
// '66********1...' nests eight repetitions that libstdc++ backtracks through for minutes on a
// ten-digit value. ECMAScript makes a quantifier on a quantifier a syntax error; so do we.
TEST(SafeRegex, StackedQuantifiersAreRefusedLazyOnesAreNot) {
  EXPECT_THROW(compileRegex("66********1"), RegexRefused);
  EXPECT_THROW(compileRegex("a+*"), RegexRefused);
  EXPECT_THROW(compileRegex("a{2}{3}"), RegexRefused);
  EXPECT_THROW(compileRegex("a*?*"), RegexRefused);
  try {
    compileRegex("ab**");
  } catch (const RegexRefused& e) {
    EXPECT_STREQ(e.what(), "a quantifier may not follow another (column 4)");
  }
  EXPECT_NO_THROW(compileRegex("a*?b+?c??d{1,2}?"));
  EXPECT_NO_THROW(compileRegex("(?:ab)*(?=c)[*+?]\\*+x"));
  EXPECT_NO_THROW(compileRegex("^[0-9]{10}$"));
}

TEST(Utf8, FirstInvalidByteIsFound) {
  EXPECT_FALSE(firstInvalidUtf8("caf\xC3\xA9"));
  EXPECT_EQ(firstInvalidUtf8("ab\xC3"), 2u);        // truncated sequence
  EXPECT_EQ(firstInvalidUtf8("a\xED\xA0\x80"), 1u);  // surrogate
}

}  // namespace
