#pragma once
// Access Record HTML 0.7.4 (FHIR DSTU2): $gpc.getcarerecord. `parameters` is the parsed DSTU2
// Parameters body; the response body is a searchset Bundle with a Composition whose one section
// carries the XHTML view (content type application/json+fhir).

#include <nlohmann/json.hpp>

#include "provider/records/record_context.h"

namespace gpc::provider::html {
using namespace records;  // the record vocabulary this capability is built on

RecordResponse getCareRecord(const RecordContext& ctx, const nlohmann::json& parameters);

}  // namespace gpc::provider::html
