#include "provider/records/record_call.h"

#include "provider/server/spine_errors.h"

namespace gpc::provider::records {
namespace {

server::Response errorResponse(const server::Call& call, const std::string& code, const std::string& diagnostics) {
  server::Response r;
  r.status = server::errorStatus(code, call.faults);
  r.body = server::operationOutcome(code, diagnostics, call.faults, call.dstu2());
  return r;
}

}  // namespace

server::Response answerRecordCall(const server::Call& call, const RecordOperation& operation) {
  if (!call.data.store)
    return errorResponse(call, "INTERNAL_SERVER_ERROR", "clinical record store unavailable: " + call.data.storeProblem);
  RecordContext ctx;
  ctx.directory = &call.data.directory;
  ctx.store = call.data.store;
  ctx.traceId = call.request.header("Ssp-TraceID").value_or("");
  ctx.today = call.today;
  ctx.odsCode = call.data.pack.practice().odsCode;
  ctx.baseUrl = call.baseUrl;
  ctx.jwtClaims = call.claims;
  ctx.faults = call.faults;
  ctx.disabledAreas = call.data.disabledAreas;
  RecordResponse answered = operation(ctx);
  if (answered.error) return errorResponse(call, answered.error->code, answered.error->diagnostics);
  server::Response r;
  r.status = answered.status;
  r.body = std::move(answered.body);
  return r;
}

}  // namespace gpc::provider::records
