#pragma once
// Sends one built request of a step and keeps it as evidence: the exchange every verdict cites.
// Shared by the case's own steps and the probes that choose its generated values.

#include "runner/core/model.h"
#include "runner/http/transport.h"
#include "runner/request/request_builder.h"
#include "runner/suite/case.h"

namespace gpc {

// The evidence of `built` for `step` (named `stepName`), its response still to come. The
// request is moved in: it is built once per exchange and the evidence is where it lives.
Exchange exchangeFor(const Step& step, const std::string& stepName, BuiltRequest&& built);

// `request` through `transport`. A Transport that throws is treated as one that reported a
// transport error.
HttpResponse sendRequest(const HttpRequest& request, Transport& transport);

// exchangeFor(...) with its response from sendRequest.
Exchange sendStep(const Step& step, const std::string& stepName, const BuiltRequest& built, Transport& transport);

}  // namespace gpc
