#pragma once
// Access Record Structured 1.6.2: $gpc.getstructuredrecord and $gpc.migratestructuredrecord.
// `parameters` is the parsed request body (a FHIR Parameters resource as JSON). The response
// body is a GPConnect-StructuredRecord-Bundle-1 (type collection, id = ctx.traceId).

#include <nlohmann/json.hpp>

#include "provider/records/record_context.h"

namespace gpc::provider::structured {
using namespace records;  // the record vocabulary this capability is built on

RecordResponse getStructuredRecord(const RecordContext& ctx, const nlohmann::json& parameters);

// Migrate: patientNHSNumber + includeFullRecord{includeSensitiveInformation}; ignores the
// clinical-area switches; ODS mismatch => NO_RELATIONSHIP.
RecordResponse migrateStructuredRecord(const RecordContext& ctx, const nlohmann::json& parameters);

}  // namespace gpc::provider::structured
