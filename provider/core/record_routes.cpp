#include "provider/core/record_routes.h"

#include <optional>

#include "provider/core/spine_errors.h"
#include "provider/records/documents.h"
#include "provider/records/html_record.h"
#include "provider/records/structured_record.h"

namespace gpc::provider::core {
namespace {

Response notImplemented(const std::set<std::string>& faults, bool dstu2, const char* what) {
  Response r;
  r.status = errorStatus("NOT_IMPLEMENTED", faults);
  r.body = operationOutcome("NOT_IMPLEMENTED", std::string(what) + " is not implemented in this build", faults, dstu2);
  return r;
}

// Only the record operations reach here; anything else is a routing mistake, answered as the
// spec answers an operation a provider does not implement.
std::optional<records::RecordResponse> run(const records::RecordContext& ctx, const RecordCall& call) {
  switch (call.op) {
    case Op::GetStructuredRecord: return records::getStructuredRecord(ctx, call.parameters);
    case Op::MigrateStructuredRecord: return records::migrateStructuredRecord(ctx, call.parameters);
    case Op::DocumentReferenceSearch:
      return records::searchDocumentReferences(ctx, call.id, call.query);
    case Op::BinaryRead:
      return records::readBinary(ctx, call.id,
                                 call.interactionId == "urn:nhs:names:services:gpconnect:documents:fhir:rest:migrate:binary-1"
                                     ? records::BinaryAccess::Migrate
                                     : records::BinaryAccess::Retrieve);
    case Op::GetCareRecord: return records::getCareRecord(ctx, call.parameters);
    default: return std::nullopt;
  }
}

}  // namespace

Response callRecordOperation(const records::RecordContext& ctx, const RecordCall& call,
                             const std::set<std::string>& faults, bool dstu2) {
  std::optional<records::RecordResponse> answered = run(ctx, call);
  if (!answered) return notImplemented(faults, dstu2, "this record operation");
  records::RecordResponse& rr = *answered;
  Response r;
  if (rr.error) {
    r.status = errorStatus(rr.error->code, faults);
    r.body = operationOutcome(rr.error->code, rr.error->diagnostics, faults, dstu2);
    return r;
  }
  r.status = rr.status;
  r.body = std::move(rr.body);
  return r;
}

}  // namespace gpc::provider::core
