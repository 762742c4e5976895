#include "runner/exec/send_step.h"

#include <utility>

namespace gpc {

Exchange exchangeFor(const Step& step, const std::string& stepName, BuiltRequest&& built) {
  Exchange exchange;
  exchange.step = stepName;
  exchange.interaction = step.interaction.name;
  exchange.kind = latency::toString(step.interaction.kind);
  exchange.request = std::move(built.http);
  // Compact, as encoded: the HTML report lays JSON out for reading, the JSON report keeps bytes.
  exchange.jwtPayload = std::move(built.jwtPayload);
  return exchange;
}

HttpResponse sendRequest(const HttpRequest& request, Transport& transport) {
  try {
    return transport.send(request);
  } catch (const std::exception& e) {
    HttpResponse response;
    response.transportError = e.what();  // a Transport should not throw; treat it like one that failed
    return response;
  }
}

Exchange sendStep(const Step& step, const std::string& stepName, const BuiltRequest& built, Transport& transport) {
  Exchange exchange = exchangeFor(step, stepName, BuiltRequest(built));
  exchange.response = sendRequest(exchange.request, transport);
  return exchange;
}

}  // namespace gpc
