#pragma once
// Shared set-up of the record tests: the project's data pack and record fixtures, loaded once,
// and a RecordContext with a fixed "today" so date rules are deterministic.

#include "gpc/build_paths.h"
#include <functional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "provider/datapack/data_pack.h"
#include "provider/records/datapack_directory.h"
#include "provider/records/record_context.h"
#include "provider/records/record_store.h"

namespace gpc::provider::records::testing {

struct RecordFixtures {
  datapack::DataPack pack = datapack::DataPack::load(datapack::DataPack::defaultDir());
  RecordStore store = RecordStore::load(std::filesystem::path(GPC_SOURCE_DIR) / "fixtures");
  DataPackDirectory directory{pack};

  static const RecordFixtures& get() {
    static const RecordFixtures f;
    return f;
  }
};

inline RecordContext context(std::set<std::string> faults = {}) {
  RecordContext ctx;
  ctx.directory = &RecordFixtures::get().directory;
  ctx.store = &RecordFixtures::get().store;
  ctx.traceId = "3c7a8a4e-2f3b-4c61-9a0f-5d2e8b9c1a77";
  ctx.today = "2026-06-15";
  ctx.baseUrl = "http://127.0.0.1:9000/B82617/STU3/1/gpconnect/documents";
  ctx.faults = std::move(faults);
  return ctx;
}

inline nlohmann::json nhsParam(const std::string& nhs) {
  return {{"name", "patientNHSNumber"}, {"valueIdentifier", {{"system", "https://fhir.nhs.uk/Id/nhs-number"}, {"value", nhs}}}};
}

inline nlohmann::json params(const std::string& nhs, nlohmann::json more) {
  nlohmann::json p = {{"resourceType", "Parameters"}, {"parameter", nlohmann::json::array({nhsParam(nhs)})}};
  for (auto& m : more) p["parameter"].push_back(m);
  return p;
}

inline nlohmann::json boolPart(const std::string& name, bool v) { return {{"name", name}, {"valueBoolean", v}}; }
inline nlohmann::json area(const std::string& name, nlohmann::json parts = nlohmann::json::array()) {
  nlohmann::json a = {{"name", name}};
  if (!parts.empty()) a["part"] = parts;
  return a;
}
inline nlohmann::json periodPart(const std::string& name, const std::string& start, const std::string& end) {
  nlohmann::json p = nlohmann::json::object();
  if (!start.empty()) p["start"] = start;
  if (!end.empty()) p["end"] = end;
  return {{"name", name}, {"valuePeriod", p}};
}

inline std::vector<nlohmann::json> resourcesOf(const nlohmann::json& bundle, const std::string& type) {
  std::vector<nlohmann::json> out;
  for (const auto& e : bundle.value("entry", nlohmann::json::array())) {
    if (e["resource"].value("resourceType", "") == type) out.push_back(e["resource"]);
  }
  return out;
}

inline nlohmann::json listByCode(const nlohmann::json& bundle, const std::string& code) {
  for (const auto& l : resourcesOf(bundle, "List")) {
    if (l["code"]["coding"][0].value("code", "") == code) return l;
  }
  return nullptr;
}

// Every "reference" in the bundle that does not resolve to an entry (or a contained resource).
inline std::vector<std::string> danglingReferences(const nlohmann::json& bundle) {
  std::set<std::string> present;
  for (const auto& e : bundle["entry"]) present.insert(e["resource"].value("resourceType", "") + "/" + e["resource"].value("id", ""));
  std::vector<std::string> dangling;
  for (const auto& e : bundle["entry"]) {
    std::set<std::string> contained;
    for (const auto& c : e["resource"].value("contained", nlohmann::json::array())) contained.insert("#" + c.value("id", ""));
    std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& n) {
      if (n.is_object()) {
        if (n.contains("reference") && n["reference"].is_string()) {
          const std::string ref = n["reference"];
          if (!(ref.rfind("#", 0) == 0 ? contained.count(ref) : present.count(ref))) dangling.push_back(ref);
        }
        for (const auto& [k, v] : n.items()) walk(v);
      } else if (n.is_array()) {
        for (const auto& v : n) walk(v);
      }
    };
    walk(e["resource"]);
  }
  return dangling;
}

}  // namespace gpc::provider::records::testing
