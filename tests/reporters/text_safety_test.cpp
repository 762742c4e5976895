#include "reporters/text_safety.h"

#include <gtest/gtest.h>

namespace gpc::reporters {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(TextSafety, RecognisesValidAndInvalidUtf8) {
  EXPECT_TRUE(isValidUtf8("plain"));
  EXPECT_TRUE(isValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_FALSE(isValidUtf8("\xFF"));
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xE2\x82"));          // cut short
}

TEST(TextSafety, ReplacesEachBadByteAndKeepsTheRest) {
  EXPECT_EQ(toValidUtf8("a\xFF" "b\xC3\xA9"), "a" + kFffd + "b\xC3\xA9");
  EXPECT_EQ(toValidUtf8("\xC0\xAF"), kFffd + kFffd);
}

TEST(TextSafety, XmlTextDropsCharactersXmlCannotHold) {
  EXPECT_EQ(toXmlText(std::string("a\0b", 3)), "a" + kFffd + "b");
  EXPECT_EQ(toXmlText("\x01\x08\x0B\x0C\x1B"), kFffd + kFffd + kFffd + kFffd + kFffd);
  EXPECT_EQ(toXmlText("tab\tlf\ncr\r"), "tab\tlf\ncr\r");
  EXPECT_EQ(toXmlText("\xEF\xBF\xBE"), kFffd);  // U+FFFE is not an XML character
}

TEST(TextSafety, HtmlEscapeCoversMarkupAndQuotes) {
  EXPECT_EQ(htmlEscape("<script>\"a\" & 'b'</textarea>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/textarea&gt;");
  EXPECT_EQ(htmlEscape(std::string("\0", 1)), kFffd);
}

TEST(TextSafety, TerminalTextCannotCarryEscapes) {
  const std::string out = toTerminalText("\x1b[31mred\x9b\n\xC2\x9B" "x\x7F");
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_EQ(out.find('\n'), std::string::npos);
  EXPECT_EQ(out.find("\xC2\x9B"), std::string::npos);  // C1 CSI
  EXPECT_EQ(out.find('\x7F'), std::string::npos);
  EXPECT_NE(out.find("red"), std::string::npos);
}

TEST(TextSafety, Utf8PrefixNeverSplitsASequence) {
  const std::string euro = "\xE2\x82\xAC";
  EXPECT_EQ(utf8Prefix("ab" + euro, 3), "ab");
  EXPECT_EQ(utf8Prefix("ab" + euro, 5), "ab" + euro);
  EXPECT_EQ(utf8Prefix("abc", 10), "abc");
}

}  // namespace
}  // namespace gpc::reporters
