// The header block and capped body as libcurl hands them over (runner/http/response_parser).
#include <gtest/gtest.h>

#include "runner/http/response_parser.h"

namespace {

using gpc::http::ResponseCollector;

TEST(ResponseCollector, KeepsTheFinalHeaderBlockAndTheBody) {
  ResponseCollector c(1000);
  c.headerLine("HTTP/1.1 100 Continue\r\n");
  c.headerLine("X-Early: 1\r\n");
  c.headerLine("HTTP/1.1 200 OK\r\n");
  c.headerLine("Content-Length: 11\r\n");
  c.headerLine("X-Folded: a\r\n");
  c.headerLine("  b\r\n");
  c.headerLine("\r\n");
  EXPECT_TRUE(c.bodyChunk("hello "));
  EXPECT_TRUE(c.bodyChunk("world"));
  ASSERT_EQ(c.headers().size(), 2u);
  EXPECT_EQ(c.headers()[1].value, "a b");
  EXPECT_EQ(c.body(), "hello world");
  EXPECT_FALSE(c.truncated());
}

// Sized from Content-Length so the body is not copied as it grows, but a provider's number is
// believed only up to the body cap and 8 MiB.
TEST(ResponseCollector, ReservesFromContentLengthWithinLimits) {
  ResponseCollector sized(1 << 20);
  sized.headerLine("content-length: 50000\r\n");
  EXPECT_GE(sized.body().capacity(), 50000u);
  ResponseCollector lying(1ull << 40);
  lying.headerLine("Content-Length: 999999999999999999999999\r\n");
  EXPECT_LT(lying.body().capacity(), 1u << 20);
  ResponseCollector overCap(1000);
  overCap.headerLine("Content-Length: 5000\r\n");
  EXPECT_LT(overCap.body().capacity(), 5000u);
  ResponseCollector garbage(1 << 20);
  garbage.headerLine("Content-Length: 12abc\r\n");
  EXPECT_LT(garbage.body().capacity(), 100u);
}

TEST(ResponseCollector, StopsAtTheCap) {
  ResponseCollector c(8);
  EXPECT_TRUE(c.bodyChunk("12345"));
  EXPECT_FALSE(c.bodyChunk("67890"));
  EXPECT_EQ(c.body(), "12345678");
  EXPECT_TRUE(c.truncated());
}

}  // namespace
