#include "tests/suites/provider_run.h"

#include <atomic>
#include <thread>

#include "provider/reference_provider.h"
#include "runner/exec/case_executor.h"
#include "runner/http/curl_transport.h"
#include "runner/target/target.h"
#include "runner/tls/embedded_tls_target.h"
#include "runner/tls/listener_options.h"

namespace gpc::suitetest {

std::vector<CaseResult> runAgainstReferenceProvider(const std::filesystem::path& root, FhirServices& fhir,
                                                    const std::set<std::string>& faults,
                                                    const std::vector<const Case*>& chosen,
                                                    bool stopAtFailure, int rounds) {
  provider::ProviderOptions options;
  options.fixturesDir = root / "fixtures";
  options.faults = faults;
  options.preloadXml = true;  // as `gpc-assure run` starts it (latency budgets)
  // The mutual-TLS listener and its throwaway PKI, as `gpc-assure run` has them (security.tls).
  // One PKI for every run of the process: the files are only read, and the RSA key is the slow part.
  static const tls::ThrowawayPki pki;
  options.tlsListener = tls::mutualTlsListenerOptions(pki);
  provider::ReferenceProvider provider(options);
  provider.start();
  Target target = loadTarget(root / "fixtures" / "targets" / "reference.json");
  applyBaseUrl(target, provider.rootUrl());
  tls::addMutualTlsEndpoint(target, provider.tlsListenerRootUrl(), pki);
  http::CurlTransport transport(target.transport);
  const ExecContext context{target, transport, fhir, root / "fixtures"};
  std::vector<CaseResult> results(chosen.size());
  // One byte per case, not vector<bool>: threads write neighbouring flags at the same time.
  std::vector<char> ran(chosen.size(), 0);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  for (int round = 1; round < rounds; ++round)
    for (const Case* c : chosen) executeCase(*c, context);
  auto worker = [&] {
    for (std::size_t i; !stop && (i = next++) < chosen.size();) {
      results[i] = executeCase(*chosen[i], context);
      ran[i] = 1;
      if (stopAtFailure && results[i].verdict == Verdict::Failed) stop = true;
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  std::vector<CaseResult> done;
  for (std::size_t i = 0; i < chosen.size(); ++i)
    if (ran[i]) done.push_back(std::move(results[i]));
  return done;
}

}  // namespace gpc::suitetest
