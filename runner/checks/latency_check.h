#pragma once
// Every exchange with an HTTP response is held to its interaction's latency budget
// (runner/latency/budget.h): over the SHALL limit is a failed check, over the SHOULD limit a
// passed check carrying a warning. The time judged is HttpResponse::providerMs (request sent to
// last byte, connection set-up excluded; see model.h for why). A suite may also set its own
// limit (`expect.max_ms`, the kind's shape and check in latency_check.cpp).

#include "runner/core/model.h"
#include "runner/latency/budget.h"

namespace gpc::checks {

CheckResult checkLatency(latency::InteractionKind kind, const HttpResponse& response);

// A limit the suite gives (`expect.max_ms`, the named check `max-ms`): the whole exchange
// (HttpResponse::elapsedMs) within `limitMs`; no response fails.
CheckResult checkTimeLimit(double limitMs, const HttpResponse& response);

}  // namespace gpc::checks
