#include "runner/exec/send_step.h"

namespace gpc {

Exchange sendStep(const Step& step, const std::string& stepName, const BuiltRequest& built, Transport& transport) {
  Exchange exchange;
  exchange.step = stepName;
  exchange.interaction = step.interaction.name;
  exchange.kind = latency::toString(step.interaction.kind);
  exchange.request = built.http;
  if (!built.jwtPayload.is_null()) exchange.jwtPayload = built.jwtPayload.dump(2);
  try {
    exchange.response = transport.send(built.http);
  } catch (const std::exception& e) {
    exchange.response.transportError = e.what();  // a Transport should not throw; treat it like one that failed
  }
  return exchange;
}

}  // namespace gpc
