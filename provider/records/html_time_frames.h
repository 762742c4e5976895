#pragma once
// Per-section default time frames of Access Record HTML (accessrecord_html_layout "Per section
// default time frames"): applied only on NHS Digital instruction, so off unless configured. The
// configuration is data-pack configuration, fixtures/records/html/default-time-frames.json:
//   {"ENC": 12, "CLI": 24}   section code -> months before today
// Only sections whose views are date-filtered (ADM, CLI, ENC, MED, OBS, PRB, REF) may have one.
// Not shipped in the project's fixtures: the reference provider applies none by default.

#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "provider/records/record_context.h"

namespace gpc::provider::records {

using TimeFrames = std::map<std::string, int, std::less<>>;

// Checks the configuration; throws std::runtime_error naming `file`, the JSON path and the reason.
TimeFrames parseTimeFrames(const nlohmann::json& config, const std::string& file);

// The configured time frames (empty when the file is absent); throws as parseTimeFrames, or when
// the file cannot be read or is not JSON. RecordStore::load reads the data pack's once.
TimeFrames loadTimeFrames(const std::filesystem::path& file);

}  // namespace gpc::provider::records
