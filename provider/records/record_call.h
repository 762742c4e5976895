#pragma once
// The seam between the server pipeline and a record operation (Access Record Structured,
// Access Document, Access Record HTML): a server Call in, the operation's RecordContext built
// from it, and the RecordResponse rendered through the server's one error table.

#include <functional>

#include "provider/records/record_context.h"
#include "provider/server/capability_module.h"

namespace gpc::provider::records {

using RecordOperation = std::function<RecordResponse(const RecordContext& ctx)>;

// INTERNAL_SERVER_ERROR naming the load problem when the record fixtures did not load.
server::Response answerRecordCall(const server::Call& call, const RecordOperation& operation);

}  // namespace gpc::provider::records
