// Where the pre-flight connects: through the SSP for the record groups, the tls group over TCP
// only (its handshake is what the security.tls cases judge), and only the groups asked for.
#include <gtest/gtest.h>

#include "runner/target/preflight.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

TEST(Preflight, ConnectsWhereTheFirstRequestOfEachGroupGoes) {
  Target target = testing::referenceTarget();
  target.endpoints = {{"foundations", "https://gp.example/B82617/STU3/1/gpconnect"},
                      {"tls", "https://gp.example/B82617/STU3/1/gpconnect"}};
  target.sspPrefix = "https://ssp.example";
  EXPECT_EQ(connectUrl(target, "foundations"), "https://ssp.example/https://gp.example/B82617/STU3/1/gpconnect");
  EXPECT_EQ(connectUrl(target, "tls"), "http://gp.example:443/B82617/STU3/1/gpconnect");
  target.endpoints["tls"] = "https://[::1]:8443/x";
  EXPECT_EQ(connectUrl(target, "tls"), "http://[::1]:8443/x");
  EXPECT_EQ(connectUrl(target, "html"), "");
}

TEST(Preflight, ListsEachUnreachableGroupOfThoseAskedFor) {
  Target target = testing::referenceTarget();
  target.endpoints = {{"foundations", "http://a.example/f"}, {"structured", "http://b.example/s"},
                      {"documents", "http://b.example/d"}};
  target.sspPrefix.clear();
  std::vector<std::string> tried;
  const auto unreachable = unreachableGroups(target, {"foundations", "structured", "html"}, [&](const std::string& url) {
    tried.push_back(url);
    return url.find("b.example") != std::string::npos ? std::string("Couldn't resolve host name") : std::string();
  });
  EXPECT_EQ(tried, (std::vector<std::string>{"http://a.example/f", "http://b.example/s"}));  // html: no endpoint
  ASSERT_EQ(unreachable.size(), 1u);
  EXPECT_EQ(describeUnreachable(unreachable), "  structured endpoint http://b.example/s: Couldn't resolve host name");
}

}  // namespace
}  // namespace gpc
