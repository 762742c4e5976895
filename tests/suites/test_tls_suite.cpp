// security.tls against the reference provider's mutual-TLS listener (throwaway PKI per run):
// every case passes against the conformant provider — none skipped, so the TLS side really ran —
// and each TLS listener fault makes the case that owns its rule fail with a Failed check.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "tests/suites/part_fixture.h"

namespace {

struct TlsSuite {
  static bool selects(const gpc::CaseInfo& info) { return info.suiteFile == "suites/security/tls.json"; }
};
using TlsSuiteAgainstProvider = gpc::suitetest::PartAgainstProvider<TlsSuite>;

TEST_F(TlsSuiteAgainstProvider, EveryCasePassesAgainstTheConformantProvider) {
  ASSERT_GE(baseline().size(), 21u);
  expectBaselinePassesExcept({});
}

TEST_F(TlsSuiteAgainstProvider, EachTlsFaultIsCaughtByTheCaseForItsRule) {
  // fault -> the case prefix that must catch it (the first failing case, in suite order).
  const std::map<std::string, std::string> expectedCatcher = {
      {"tls-client-cert-not-required", "SEC-TLS-MISSING"},
      {"tls-accepts-tls1.0", "SEC-TLS-VERSION-1.0"},
      {"tls-any-cipher", "SEC-TLS-CIPHER-INSECURE"},
      {"tls-revocation-not-checked", "SEC-TLS-REVOKED"},
      {"tls-client-host-not-checked", "SEC-TLS-FQDN"},
  };
  std::vector<std::string> faults;
  for (const auto& f : gpc::provider::tlsFaults()) faults.push_back(f.name);
  ASSERT_EQ(faults.size(), expectedCatcher.size()) << "a TLS fault without an expected catcher here";
  // One worker thread would make "first failing case" exact; with four the stop is soon after,
  // so look for the expected case among those that ran.
  const auto caught = expectEachFaultCaught(faults, passingCases());
  for (const auto& [fault, result] : caught) {
    EXPECT_EQ(result.verdict, gpc::Verdict::Failed) << fault;
    bool transportCheckFailed = false;
    for (const auto& check : result.checks) transportCheckFailed = transportCheckFailed || (!check.passed && !check.errored);
    EXPECT_TRUE(transportCheckFailed) << fault << ": " << result.reason;
  }
  for (const auto& [fault, want] : expectedCatcher) {
    bool wantFails = false;
    std::vector<const gpc::Case*> just;
    for (const auto* c : passingCases())
      if (c->info.id == want) just.push_back(c);
    ASSERT_EQ(just.size(), 1u) << want;
    for (const auto& r : run({fault}, just, false)) wantFails = r.verdict == gpc::Verdict::Failed;
    EXPECT_TRUE(wantFails) << want << " does not fail with fault " << fault;
  }
}

}  // namespace
