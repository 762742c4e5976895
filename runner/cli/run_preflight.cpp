#include "runner/cli/run_preflight.h"

#include <ostream>
#include <set>
#include <stdexcept>

#include "runner/target/preflight.h"

namespace gpc::cli {

void runPreflight(const Target& target, const http::CurlTransport& transport, const std::vector<Case>& chosen,
                  bool keepGoing, std::ostream& err) {
  checkTlsFilesReadable(target);
  // Only the groups this selection talks to: a --tag foundations run must not stop because
  // the html endpoint is down.
  std::set<std::string> groups;
  // A step's request may name another group than its interaction's ("endpoint": "tls").
  const auto groupOf = [](const Step& step) { return step.request.value("endpoint", step.interaction.endpoint); };
  for (const auto& c : chosen) {
    for (const auto& step : c.steps) groups.insert(groupOf(step));
    for (const auto& fresh : c.freshValues) groups.insert(groupOf(fresh.probe));
  }
  const auto unreachable =
      unreachableGroups(target, groups, [&transport](const std::string& url) { return transport.tryConnect(url); });
  if (unreachable.empty()) return;
  if (!keepGoing)
    throw std::runtime_error("cannot reach the provider, so no case was run:\n" + describeUnreachable(unreachable) +
                             "\n(--keep-going runs the cases anyway; each then errors with the transport error)");
  err << "gpc-assure run: warning: cannot reach the provider (going on: --keep-going):\n"
      << describeUnreachable(unreachable) << '\n';
}

}  // namespace gpc::cli
