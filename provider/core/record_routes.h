#pragma once
// The seam to the record operations in provider/records/: one call in (the validated request
// pieces), one Response out, errors rendered through core's error table.

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "provider/core/interactions.h"
#include "provider/core/message.h"
#include "provider/records/record_context.h"

namespace gpc::provider::core {

struct RecordCall {
  Op op;
  std::string id;               // Patient id (DocumentReference search) or Binary id
  NameValues query;
  std::string interactionId;    // Binary: retrieve or migrate
  nlohmann::json parameters;    // POST body
};

Response callRecordOperation(const records::RecordContext& ctx, const RecordCall& call,
                             const std::set<std::string>& faults, bool dstu2);

}  // namespace gpc::provider::core
