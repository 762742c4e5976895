#pragma once
// Access Document 1.6.2: DocumentReference search and Binary retrieve/migrate.
// (Patient search on the documents endpoint is Foundations-like and stays with provider-core.)

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "provider/records/record_context.h"

namespace gpc::provider::documents {
using namespace records;  // the record vocabulary this capability is built on

// Decoded query parameters in request order (repeats kept: _include, created).
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// GET /Patient/[patientId]/DocumentReference?... => searchset Bundle (id = trace id, absolute
// fullUrls built from ctx.baseUrl).
RecordResponse searchDocumentReferences(const RecordContext& ctx, std::string_view patientId,
                                        const QueryParams& query);

enum class BinaryAccess { Retrieve, Migrate };  // retrieve refuses > 5 MB, migrate has no limit

// GET /Binary/[id] => Binary resource (contentType + base64 data).
RecordResponse readBinary(const RecordContext& ctx, std::string_view binaryId, BinaryAccess access);

}  // namespace gpc::provider::documents
