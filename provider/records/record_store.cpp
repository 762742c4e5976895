#include "provider/records/record_store.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "provider/records/html_time_frames.h"
#include "provider/records/record_dates.h"
#include "provider/records/snomed.h"
#include "provider/records/structured_areas.h"

namespace gpc::provider::records {
namespace {

const std::set<std::string, std::less<>> kTopLevelKeys = {
    "patient", "nhsNumber", "allergies", "medications", "problems", "consultations",
    "immunisations", "immunisationStatus", "uncategorised", "investigations", "referrals", "diary", "documents", "practice"};

[[noreturn]] void fail(const std::string& file, const std::string& path, const std::string& what) {
  throw std::runtime_error(file + ": " + path + ": " + what);
}

// Walks the compact description: every [code, display] pair must carry a valid SNOMED concept
// id, every "id" must be unique in the record, every date-like key must parse as a FHIR date.
void validate(const nlohmann::json& node, const std::string& path, const std::string& file,
              std::set<std::string>& ids) {
  static const std::set<std::string, std::less<>> dateKeys = {
      "asserted", "onset", "ended", "start", "end", "review", "discontinued", "abated", "date", "issued",
      "collected", "authored", "created", "indexed", "transitDate", "awaitingFilingSince"};
  const auto allDigits = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  };
  // A [code, display] pair: a numeric first element beside a non-numeric display.
  if (node.is_array() && node.size() == 2 && node[0].is_string() && node[1].is_string() && allDigits(node[0].get<std::string>()) &&
      !allDigits(node[1].get<std::string>())) {
    if (!isSnomedConceptId(node[0].get<std::string>())) fail(file, path, "not a valid SNOMED CT concept id: " + node[0].get<std::string>());
    return;
  }
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      const std::string here = path + "." + key;
      if (key == "id") {
        if (!value.is_string() || value.get<std::string>().empty()) fail(file, here, "id must be a non-empty string");
        if (!ids.insert(value.get<std::string>()).second) fail(file, here, "duplicate id " + value.get<std::string>());
      }
      if (dateKeys.count(key) && (!value.is_string() || !dayInterval(value.get<std::string>())))
        fail(file, here, "not a FHIR date: " + value.dump());
      validate(value, here, file, ids);
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) validate(node[i], path + "[" + std::to_string(i) + "]", file, ids);
  }
}

// The simulated practice facts: clinical areas switched off (by parameter name) and the date
// before which items awaiting filing may be missing.
void checkPractice(const nlohmann::json& practice, const std::string& file) {
  if (!practice.is_object()) fail(file, "$.practice", "must be an object");
  for (const auto& [key, value] : practice.items()) {
    if (key != "disabledAreas" && key != "awaitingFilingSince") fail(file, "$.practice." + key, "unknown key (disabledAreas, awaitingFilingSince)");
  }
  const auto areas = practice.value("disabledAreas", nlohmann::json::array());
  if (!areas.is_array()) fail(file, "$.practice.disabledAreas", "must be a list of clinical area parameter names");
  for (size_t i = 0; i < areas.size(); ++i) {
    if (!areas[i].is_string() || !areaByParameter(areas[i].get<std::string>()))
      fail(file, "$.practice.disabledAreas[" + std::to_string(i) + "]", "not a clinical area (" + clinicalAreaNames() + "): " + areas[i].dump());
  }
}

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error(p.string() + ": cannot be read");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The oversize document is generated, not committed: a deterministic PDF-like byte pattern.
std::string generatedContent(size_t size, const std::string& seed) {
  std::string bytes = "%PDF-1.4\n% generated test document " + seed + "\n";
  bytes.reserve(size);
  while (bytes.size() < size) bytes += "0123456789 generated padding line for a large scanned record\n";
  bytes.resize(size);
  return bytes;
}

}  // namespace

RecordStore RecordStore::load(const std::filesystem::path& fixturesDir) {
  RecordStore store;
  const auto recordsDir = fixturesDir / "records";
  if (!std::filesystem::is_directory(recordsDir)) throw std::runtime_error(recordsDir.string() + ": no such directory");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(recordsDir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    const std::string file = path.string();
    nlohmann::json data;
    try {
      data = nlohmann::json::parse(readFile(path));
    } catch (const nlohmann::json::exception& e) {
      fail(file, "$", std::string("invalid JSON: ") + e.what());
    }
    if (!data.is_object()) fail(file, "$", "must be an object");
    for (const auto& [key, value] : data.items()) {
      if (!kTopLevelKeys.count(key)) fail(file, "$." + key, "unknown key");
    }
    if (!data.contains("nhsNumber") || !data["nhsNumber"].is_string()) fail(file, "$.nhsNumber", "required string");
    std::set<std::string> ids;
    validate(data, "$", file, ids);
    // CareConnect-GPC-Immunization-1 requires the vaccinationProcedure extension (1..1).
    const auto immunisations = data.value("immunisations", nlohmann::json::array());
    for (size_t i = 0; i < immunisations.size(); ++i) {
      if (!immunisations[i].contains("procedure"))
        fail(file, "$.immunisations[" + std::to_string(i) + "].procedure", "required [SNOMED id, display] vaccination procedure");
    }
    checkPractice(data.value("practice", nlohmann::json::object()), file);
    const std::string nhs = data["nhsNumber"];
    if (path.stem().string() != nhs) fail(file, "$.nhsNumber", "must match the file name");
    for (const auto& doc : data.value("documents", nlohmann::json::array())) {
      DocumentContent content;
      content.binaryId = doc.value("binary", "");
      content.contentType = doc.value("contentType", "application/octet-stream");
      if (content.binaryId.empty()) fail(file, "$.documents." + doc.value("id", "?"), "binary id required");
      if (doc.contains("generateBytes")) {
        content.bytes = generatedContent(doc["generateBytes"].get<size_t>(), content.binaryId);
      } else if (doc.contains("file")) {
        content.bytes = readFile(fixturesDir / "documents" / doc["file"].get<std::string>());
      } else {
        fail(file, "$.documents." + doc.value("id", "?"), "needs file or generateBytes");
      }
      if (!store.binaries_.emplace(content.binaryId, std::move(content)).second)
        fail(file, "$.documents." + doc.value("id", "?"), "duplicate binary id");
    }
    store.records_.emplace(nhs, PatientRecord{nhs, std::move(data), file});
  }
  store.htmlTimeFrames_ = loadTimeFrames(recordsDir / "html" / "default-time-frames.json");
  return store;
}

const PatientRecord* RecordStore::find(std::string_view nhsNumber) const {
  const auto it = records_.find(nhsNumber);
  return it == records_.end() ? nullptr : &it->second;
}

const DocumentContent* RecordStore::binary(std::string_view binaryId) const {
  const auto it = binaries_.find(binaryId);
  return it == binaries_.end() ? nullptr : &it->second;
}

}  // namespace gpc::provider::records
