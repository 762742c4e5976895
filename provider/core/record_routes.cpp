#include "provider/core/record_routes.h"

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

// GPC_HAVE_* come from provider/CMakeLists.txt, which sees which record operations the records
// area has defined so far; the others answer NOT_IMPLEMENTED as the spec prescribes.
records::RecordResponse run(const records::RecordContext& ctx, const RecordCall& call, bool& implemented) {
  implemented = true;
  switch (call.op) {
#ifdef GPC_HAVE_STRUCTURED_RECORD
    case Op::GetStructuredRecord: return records::getStructuredRecord(ctx, call.parameters);
    case Op::MigrateStructuredRecord: return records::migrateStructuredRecord(ctx, call.parameters);
#endif
#ifdef GPC_HAVE_DOCUMENTS
    case Op::DocumentReferenceSearch:
      return records::searchDocumentReferences(ctx, call.id, call.query);
    case Op::BinaryRead:
      return records::readBinary(ctx, call.id,
                                 call.interactionId == "urn:nhs:names:services:gpconnect:documents:fhir:rest:migrate:binary-1"
                                     ? records::BinaryAccess::Migrate
                                     : records::BinaryAccess::Retrieve);
#endif
#ifdef GPC_HAVE_HTML_RECORD
    case Op::GetCareRecord: return records::getCareRecord(ctx, call.parameters);
#endif
    default: break;
  }
  implemented = false;
  return {};
}

}  // namespace

Response callRecordOperation(const records::RecordContext& ctx, const RecordCall& call,
                             const std::set<std::string>& faults, bool dstu2) {
  bool implemented = false;
  records::RecordResponse rr = run(ctx, call, implemented);
  if (!implemented) return notImplemented(faults, dstu2, "this record operation");
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
