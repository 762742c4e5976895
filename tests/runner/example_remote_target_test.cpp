// The shipped fixtures/targets/example-remote.json names only three patients of the data pack:
// every case needing one it lacks ({patients.patient9.nhsNumber}) is skipped naming the
// variable, before anything is sent, instead of erroring on an unknown variable.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include "runner/exec/case_executor.h"
#include "runner/suite/suite_loader.h"
#include "runner/suite/target_requirements.h"
#include "tests/runner/fakes.h"

namespace gpc {
namespace {

const std::filesystem::path kRoot = GPC_SOURCE_DIR;

TEST(ExampleRemoteTarget, CasesNeedingDataItLacksAreSkippedNamingItNotErrored) {
  const SuiteSet suites = loadSuites(kRoot / "suites");
  const Target target = loadTarget(kRoot / "fixtures" / "targets" / "example-remote.json");
  testing::FakeFhirServices fhir;
  testing::ScriptedTransport transport{[](const HttpRequest& request) {
    ADD_FAILURE() << "a case that cannot run was sent: " << request.url;
    return HttpResponse{};
  }};
  const ExecContext ctx{target, transport, fhir, kRoot / "fixtures"};
  std::size_t lacking = 0;
  for (const Case& c : suites.cases) {
    std::string missing;
    for (const auto& name : targetVariablesUsed(c))
      if (missing.empty() && !targetDefines(target.tree, name)) missing = name;
    if (missing.empty() || !c.skip.empty() || unmetRequirement(c, target.tree)->find(missing) == std::string::npos)
      continue;  // runnable, skipped by the suite itself, or skipped for a declared requirement first
    ++lacking;
    const CaseResult result = executeCase(c, ctx);
    EXPECT_EQ(result.verdict, Verdict::Skipped) << c.info.id << ": " << result.reason;
    EXPECT_NE(result.reason.find("target does not define " + missing), std::string::npos) << c.info.id << ": " << result.reason;
  }
  EXPECT_GT(lacking, 20u);  // patient9, patient15, ... are used by many cases
  EXPECT_TRUE(transport.sent.empty());
}

}  // namespace
}  // namespace gpc
