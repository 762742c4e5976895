// Access Record HTML 0.7.4: not built yet. Until the section views exist the operation answers
// honestly with NOT_IMPLEMENTED (501) rather than a made-up view, so no suite can pass on it.
#include "provider/records/html_record.h"

#include "provider/records/patient_access.h"

namespace gpc::provider::records {

RecordResponse getCareRecord(const RecordContext& /*ctx*/, const nlohmann::json& /*parameters*/) {
  RecordResponse r;
  r.error = spineError("NOT_IMPLEMENTED", "$gpc.getcarerecord (Access Record HTML 0.7.4) is not implemented by the reference provider yet");
  r.status = r.error->httpStatus;
  return r;
}

}  // namespace gpc::provider::records
