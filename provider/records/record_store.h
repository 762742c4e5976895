#pragma once
// The reference provider's clinical data: one compact JSON description per patient in
// fixtures/records/<nhsNumber>.json (format in fixtures/records/README.md), expanded into GP
// Connect profiled resources by the area builders. Documents' binary content lives in
// fixtures/documents/ or is generated at load time (the >5 MB document).

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace gpc::provider::records {

struct DocumentContent {
  std::string binaryId;
  std::string contentType;
  std::string bytes;  // raw content (not base64)
};

struct PatientRecord {
  std::string nhsNumber;
  nlohmann::json data;  // the compact description, validated at load
  std::string sourceFile;
};

class RecordStore {
 public:
  // Loads every fixtures/records/*.json. Throws std::runtime_error naming the file and the JSON
  // path of the first problem (bad SNOMED check digit, unknown area, duplicate id ...).
  static RecordStore load(const std::filesystem::path& fixturesDir);

  const PatientRecord* find(std::string_view nhsNumber) const;
  const DocumentContent* binary(std::string_view binaryId) const;
  const std::map<std::string, PatientRecord, std::less<>>& records() const { return records_; }
  // Access Record HTML default time frames (section code -> months), from
  // records/html/default-time-frames.json when present: read once here, so a broken file is a
  // load error naming it, not a cost or a 500 on every request (html_time_frames.h).
  const std::map<std::string, int, std::less<>>& htmlTimeFrames() const { return htmlTimeFrames_; }

 private:
  std::map<std::string, PatientRecord, std::less<>> records_;
  std::map<std::string, DocumentContent, std::less<>> binaries_;
  std::map<std::string, int, std::less<>> htmlTimeFrames_;
};

}  // namespace gpc::provider::records
