// The load loop against the reference provider in this process: iterations run their cases'
// requests and expectations, faults show as failed requests, the open model keeps its rate, a
// stop request ends the run promptly.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "provider/reference_provider.h"
#include "runner/http/curl_transport.h"
#include "runner/load/load_engine.h"
#include "runner/load/load_plan.h"
#include "runner/suite/suite_loader.h"
#include "runner/target/target.h"

namespace gpc::load {
namespace {

const std::filesystem::path kRoot = GPC_SOURCE_DIR;

class LoadEngine : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suites_ = new SuiteSet(loadSuites(kRoot / "suites"));
    fhir_ = makeFhirServices((kRoot / "profiles").string()).release();
  }
  static void TearDownTestSuite() {
    delete suites_;
    delete fhir_;
  }

  LoadResult run(const std::string& profileJson, const LoadShape& shape, std::set<std::string> faults = {},
                 schedule::StopControl* stop = nullptr, int validateEvery = 10) {
    provider::ProviderOptions options;
    options.fixturesDir = kRoot / "fixtures";
    options.faults = std::move(faults);
    provider::ReferenceProvider provider(options);
    provider.start();
    Target target = loadTarget(kRoot / "fixtures" / "targets" / "reference.json");
    applyBaseUrl(target, provider.rootUrl());
    const LoadProfile profile = parseLoadProfile(profileJson, "test-profile.json");
    LoadPlan plan;
    plan.mix = planMix(profile, suites_->cases, target);
    plan.shape = shape;
    plan.validateEvery = validateEvery;
    plan.seed = 99;
    http::CurlTransport probes(target.transport);
    const LoadEnvironment env{*fhir_, kRoot / "fixtures", probes, target.transport, stop, {}};
    return runLoad(plan, env);
  }

  static SuiteSet* suites_;
  static FhirServices* fhir_;
};

SuiteSet* LoadEngine::suites_ = nullptr;
FhirServices* LoadEngine::fhir_ = nullptr;

LoadShape closed(int concurrency, double seconds) {
  LoadShape s;
  s.concurrency = concurrency;
  s.durationSeconds = seconds;
  return s;
}

TEST_F(LoadEngine, ClosedModelRunsTheMixWithItsExpectations) {
  const LoadResult r = run(R"({"mix": [{"case": "FND-PAT-SRCH-007", "weight": 3}, {"case": "FND-ORG-SRCH-002"}]})", closed(4, 1.5));
  EXPECT_GT(r.requests, 50u);
  EXPECT_EQ(r.requestsFailed, 0u) << (r.failures.empty() ? "" : r.failures.front().reason);
  EXPECT_EQ(r.iterations, r.requests);  // single-step cases
  ASSERT_EQ(r.interactions.size(), 2u);
  EXPECT_EQ(r.interactions.at("search:patient").kind, latency::InteractionKind::Query);
  EXPECT_GT(r.interactions.at("search:patient").requests, r.interactions.at("search:organization").requests);
  EXPECT_EQ(r.interactions.at("search:patient").answered.count(), r.interactions.at("search:patient").requests);
  // 1 iteration in 10 profile-validated
  EXPECT_NEAR(static_cast<double>(r.validated), static_cast<double>(r.iterations) / 10.0, 1.0);
  EXPECT_FALSE(r.timeline.empty());
  EXPECT_GE(r.durationSeconds, 1.5);
  EXPECT_GT(r.harnessCpuSeconds, 0);
  const LoadVerdict v = judge(r);
  EXPECT_TRUE(v.passed) << (v.broken.empty() ? "" : v.broken.front());
}

TEST_F(LoadEngine, MultiStepCasesCarryCapturesBetweenTheirRequests) {
  const LoadResult r = run(R"({"mix": [{"case": "FND-PAT-READ-001"}]})", closed(2, 1.0));
  ASSERT_GT(r.iterations, 5u);
  EXPECT_EQ(r.requestsFailed, 0u) << (r.failures.empty() ? "" : r.failures.front().reason);
  EXPECT_GT(r.interactions.at("search:patient").requests, 0u);
  EXPECT_GT(r.interactions.at("read:patient").requests, 0u);
}

TEST_F(LoadEngine, AProviderFaultIsAFailedRequestWithItsReason) {
  const LoadResult r =
      run(R"({"mix": [{"case": "FND-PAT-SRCH-002"}]})", closed(2, 1.0), {"search-returns-fields-not-allowed"});
  ASSERT_GT(r.requests, 0u);
  EXPECT_EQ(r.requestsFailed, r.requests);
  ASSERT_FALSE(r.failures.empty());
  EXPECT_EQ(r.failures.front().caseId, "FND-PAT-SRCH-002");
  EXPECT_NE(r.failures.front().example.find("HTTP 200"), std::string::npos) << r.failures.front().example;
  const LoadVerdict v = judge(r);
  EXPECT_FALSE(v.passed);
  ASSERT_FALSE(v.broken.empty());
  EXPECT_NE(v.broken.front().find("error budget"), std::string::npos) << v.broken.front();
}

TEST_F(LoadEngine, OpenModelStartsIterationsAtTheRate) {
  LoadShape shape;
  shape.stages.push_back({40, 40, 1.0});
  shape.durationSeconds = 1.0;
  const LoadResult r = run(R"({"mix": [{"case": "FND-ORG-SRCH-002"}]})", shape);
  EXPECT_NEAR(static_cast<double>(r.iterations), 40.0, 2.0);
  EXPECT_EQ(r.dropped, 0u);
  EXPECT_TRUE(r.openModel);
}

TEST_F(LoadEngine, ARegistrationPerIterationNeverCollides) {
  // Each iteration draws its own NHS number (seed + iteration), probing past held ones.
  const LoadResult r = run(R"({"mix": [{"case": "FMT-REGISTER-ct-json-only"}]})", closed(2, 1.0));
  ASSERT_GT(r.iterations, 3u);
  EXPECT_EQ(r.iterationsFailed, 0u) << (r.failures.empty() ? "" : r.failures.front().reason);
  EXPECT_EQ(r.interactions.at("gpc.registerpatient").kind, latency::InteractionKind::Command);
}

TEST_F(LoadEngine, AStopRequestEndsTheRunPromptly) {
  schedule::StopControl stop;
  std::thread stopper([&stop] {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    stop.requestFromSignal(15);
  });
  const LoadResult r = run(R"({"mix": [{"case": "FND-ORG-SRCH-002"}]})", closed(4, 30), {}, &stop);
  stopper.join();
  EXPECT_EQ(r.stopped, "interrupted by SIGTERM");
  EXPECT_LT(r.durationSeconds, 3.0);
  EXPECT_GT(r.requests, 0u);
}

TEST(LoadVerdict, ASlowCommandBreaksTheShallLimitAtThePercentileJudged) {
  LoadResult r;
  r.durationSeconds = 10;
  InteractionLoad& reg = r.interactions["gpc.registerpatient"];
  reg.interaction = "gpc.registerpatient";
  reg.kind = latency::InteractionKind::Command;
  for (int i = 0; i < 999; ++i) reg.answered.record(20);
  reg.answered.record(400);  // one answer over 250 ms
  reg.requests = r.requests = 1000;
  r.percentile = 100;
  LoadVerdict every = judge(r);
  EXPECT_FALSE(every.passed);
  ASSERT_EQ(every.broken.size(), 1u);
  EXPECT_NE(every.broken[0].find("SHALL limit of 250 ms"), std::string::npos) << every.broken[0];
  r.percentile = 99.9;
  EXPECT_TRUE(judge(r).passed) << "p99.9 of 1,000 answers is the 999th: 20 ms";
  r.percentile = 100;
  reg.answered = LatencyHistogram();
  for (int i = 0; i < 10; ++i) reg.answered.record(150);  // over SHOULD (100), under SHALL
  const LoadVerdict should = judge(r);
  EXPECT_TRUE(should.passed);
  ASSERT_EQ(should.warnings.size(), 1u);
  EXPECT_NE(should.warnings[0].find("SHOULD limit of 100 ms"), std::string::npos);
}

TEST(LoadVerdict, NothingAnsweredIsAFailure) {
  LoadResult r;
  EXPECT_FALSE(judge(r).passed);
}

}  // namespace
}  // namespace gpc::load
