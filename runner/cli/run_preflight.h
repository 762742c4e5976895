#pragma once
// `run`'s pre-flight (docs/cli.md): the target's TLS files and the provider's reachability,
// checked before any case starts so that a set-up problem is one message and exit 2, not
// hundreds of errored cases.

#include <iosfwd>
#include <vector>

#include "runner/http/curl_transport.h"
#include "runner/suite/case.h"
#include "runner/target/target.h"

namespace gpc::cli {

// Throws gpc::LoadError for an unreadable TLS file, and std::runtime_error naming every
// endpoint group the chosen cases use that cannot be connected to; with `keepGoing` the latter
// is only printed to `err` as a warning and the run goes on.
void runPreflight(const Target& target, const http::CurlTransport& transport, const std::vector<Case>& chosen,
                  bool keepGoing, std::ostream& err);

}  // namespace gpc::cli
