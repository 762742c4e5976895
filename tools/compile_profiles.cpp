// Dev-time generator of the project's profiles/ (compact form, docs/validation.md) from the
// official definitions: the HL7 STU3 core package and the GP Connect/CareConnect assets.
//
//   gpc_compile_profiles <hl7-core-package-dir> <official-profiles-dir> <out-dir>
//   gpc_compile_profiles --dstu2 <dstu2-core-source> <official-dstu2-profiles-dir> <out-dir>
//
// STU3: keeps every official GP Connect/CareConnect definition, the core base types and resources,
// the core profiles those refer to, and the value sets and code systems their required bindings
// need. Descriptions, mappings and the like are dropped: only what validation reads is kept.
// DSTU2 (Access Record: HTML): no HL7 DSTU2 definitions are available offline, so the core comes
// from the project's own source form (profiles/src/hl7-dstu2-core.txt, runner/fhir/core_source.h)
// and is written as hl7-dstu2-core.json; the official DSTU2 GP Connect definitions compiled on top
// of it go to nhs-gpconnect-dstu2.json. Both files declare "fhirVersion", so loaders keep them
// apart from STU3. The official DSTU2 files get the corrections of tools/dstu2_corrections.h (each
// printed, each required to apply) and nothing else.

#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>

#include "runner/fhir/compact.h"
#include "runner/fhir/compile.h"
#include "runner/fhir/core_source.h"
#include "runner/fhir/file_text.h"
#include "runner/fhir/fhir_version.h"
#include "runner/fhir/model.h"
#include "tools/dstu2_corrections.h"

namespace {

using gpc::fhir::RawProfile;

void writeFile(const std::filesystem::path& file, const nlohmann::json& doc, const std::string& fhirVersion = "") {
  // One definition per line keeps diffs of regenerated files readable.
  std::ofstream out(file);
  out << "{\"gpcCompactDefinitions\":1";
  if (!fhirVersion.empty()) out << ",\"fhirVersion\":\"" << fhirVersion << "\"";
  for (const char* key : {"profiles", "valueSets", "codeSystems"}) {
    out << ",\n\"" << key << "\":[";
    bool first = true;
    for (const auto& item : doc[key]) {
      out << (first ? "\n" : ",\n") << item.dump();
      first = false;
    }
    out << "]";
  }
  out << "}\n";
}



// Writes the core and NHS compact files of `registry`: the official definitions (those read from
// below `officialDir`) and everything they need.
int writeSelection(const gpc::fhir::ProfileRegistry& registry, const std::filesystem::path& officialDir,
                   const std::filesystem::path& outDir, const std::string& coreFile, const std::string& nhsFile,
                   const std::string& fhirVersion) {
  const auto& data = registry.data();
  const std::string officialPrefix = officialDir.string();
  std::set<std::string> wanted;
  std::vector<std::string> pending;
  for (const auto& [url, p] : data.profiles) {
    const auto& raw = p->raw;
    const bool official = raw.source.starts_with(officialPrefix);
    const bool coreType = raw.derivation == "specialization" && raw.kind != "logical";
    if (official || coreType) pending.push_back(url);
  }
  std::set<std::string> valueSets;
  while (!pending.empty()) {
    const std::string url = pending.back();
    pending.pop_back();
    auto it = data.profiles.find(url);
    if (it == data.profiles.end() || !wanted.insert(url).second) continue;
    const auto& raw = it->second->raw;
    if (!raw.baseDefinition.empty()) pending.push_back(raw.baseDefinition);
    for (const auto& e : raw.elements) {
      for (const auto& t : e.types) pending.insert(pending.end(), t.profiles.begin(), t.profiles.end());
      if (e.bindingStrength == "required" && !e.valueSet.empty()) valueSets.insert(e.valueSet);
    }
  }
  std::map<std::string, const gpc::fhir::RawValueSet*> vsByUrl;
  for (const auto& vs : data.rawValueSets) vsByUrl[vs.url] = &vs;
  std::map<std::string, const gpc::fhir::RawCodeSystem*> csByUrl;
  for (const auto& cs : data.rawCodeSystems) csByUrl[cs.url] = &cs;
  std::set<std::string> vsDone, codeSystems;
  std::vector<std::string> vsPending(valueSets.begin(), valueSets.end());
  while (!vsPending.empty()) {
    const std::string url = vsPending.back();
    vsPending.pop_back();
    auto it = vsByUrl.find(url);
    if (it == vsByUrl.end() || !vsDone.insert(url).second) continue;
    for (const auto& inc : it->second->includes) {
      vsPending.insert(vsPending.end(), inc.valueSets.begin(), inc.valueSets.end());
      if (inc.codes.empty() && !inc.system.empty()) codeSystems.insert(inc.system);
    }
  }
  // Core definitions in one file, the NHS ones in another.
  std::vector<const RawProfile*> core, nhs;
  for (const auto& url : wanted) {
    const auto& raw = data.profiles.at(url)->raw;
    (raw.source.starts_with(officialPrefix) ? nhs : core).push_back(&raw);
  }
  std::vector<const gpc::fhir::RawValueSet*> coreVs, nhsVs;
  for (const auto& url : vsDone) (vsByUrl[url]->source.starts_with(officialPrefix) ? nhsVs : coreVs).push_back(vsByUrl[url]);
  std::vector<const gpc::fhir::RawCodeSystem*> coreCs, nhsCs;
  for (const auto& url : codeSystems) {
    auto it = csByUrl.find(url);
    if (it != csByUrl.end()) (it->second->source.starts_with(officialPrefix) ? nhsCs : coreCs).push_back(it->second);
  }
  std::filesystem::create_directories(outDir);
  if (!coreFile.empty()) writeFile(outDir / coreFile, gpc::fhir::writeCompact(core, coreVs, coreCs), fhirVersion);
  writeFile(outDir / nhsFile, gpc::fhir::writeCompact(nhs, nhsVs, nhsCs), fhirVersion);
  std::cout << "profiles: " << core.size() << " core + " << nhs.size() << " NHS; value sets: " << coreVs.size()
            << " + " << nhsVs.size() << "; code systems: " << coreCs.size() << " + " << nhsCs.size() << "\n";
  return 0;
}

std::vector<std::string> splitCodes(std::string_view list) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start <= list.size();) {
    const auto comma = std::min(list.find(',', start), list.size());
    out.emplace_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// Applies one correction to the definitions read; throws when the definition or element is not
// there (a changed official file must be looked at again, not silently left uncorrected).
void applyCorrection(gpc::fhir::RawDefinitions& defs, const gpc::profiles::Dstu2Correction& c) {
  using gpc::profiles::Dstu2Change;
  const std::string url(c.url);
  if (c.change == Dstu2Change::ValueSetCodes) {
    for (auto& vs : defs.valueSets) {
      if (vs.url != url) continue;
      if (vs.includes.size() != 1 || !vs.excludes.empty())
        throw std::runtime_error("correction of " + url + ": expected one include and no exclude");
      vs.includes[0].codes = splitCodes(c.value);
      vs.includes[0].filtered = false;
      vs.includes[0].valueSets.clear();
      std::cout << "corrected " << url << ": codes " << c.value << "\n";
      return;
    }
    throw std::runtime_error("correction of " + url + ": no such value set");
  }
  for (auto& p : defs.profiles) {
    if (p.url != url) continue;
    for (auto& e : p.elements) {
      if (e.path != c.element || !e.sliceName.empty()) continue;
      const auto dots = c.value.find("..");
      const std::string max(c.value.substr(dots + 2));
      const int oldMin = e.min, oldMax = e.max;
      e.min = std::stoi(std::string(c.value.substr(0, dots)));
      e.max = max == "*" ? gpc::fhir::kUnbounded : std::stoi(max);
      std::cout << "corrected " << url << " " << c.element << ": " << oldMin << ".." << oldMax << " -> " << c.value
                << "\n";
      return;
    }
    throw std::runtime_error("correction of " + url + ": no element " + std::string(c.element));
  }
  throw std::runtime_error("correction of " + url + ": no such profile");
}

int compileDstu2(const std::filesystem::path& coreSource, const std::filesystem::path& officialDir,
                 const std::filesystem::path& outDir) {
  using namespace gpc::fhir;
  auto registry = std::make_shared<ProfileRegistry>();
  try {
    const auto text = readFileText(coreSource);
    if (!text) throw std::runtime_error(coreSource.string() + ": cannot be read");
    RawDefinitions core = readCoreSource(*text, coreSource.string(), "1.0.2");
    std::vector<const RawProfile*> profiles;
    std::vector<const RawValueSet*> valueSets;
    std::vector<const RawCodeSystem*> codeSystems;
    for (const auto& p : core.profiles) profiles.push_back(&p);
    for (const auto& v : core.valueSets) valueSets.push_back(&v);
    for (const auto& c : core.codeSystems) codeSystems.push_back(&c);
    std::filesystem::create_directories(outDir);
    writeFile(outDir / "hl7-dstu2-core.json", writeCompact(profiles, valueSets, codeSystems), "1.0.2");
    std::cout << "DSTU2 core: " << profiles.size() << " profiles, " << valueSets.size() << " value sets\n";
    readDefinitionDirectory(officialDir, core, ModelVersion::Dstu2);
    for (const auto& correction : gpc::profiles::kDstu2Corrections) applyCorrection(core, correction);
    compileInto(*registry, std::move(core.profiles), std::move(core.valueSets), std::move(core.codeSystems));
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  return writeSelection(*registry, officialDir, outDir, "", "nhs-gpconnect-dstu2.json", "1.0.2");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "--dstu2") return compileDstu2(argv[2], argv[3], argv[4]);
  if (argc != 4) {
    std::cerr << "usage: gpc_compile_profiles <hl7-core-package-dir> <official-profiles-dir> <out-dir>\n"
                 "       gpc_compile_profiles --dstu2 <dstu2-core-source> <official-dstu2-profiles-dir> <out-dir>\n";
    return 2;
  }
  const std::filesystem::path coreDir = argv[1], officialDir = argv[2], outDir = argv[3];
  std::shared_ptr<const gpc::fhir::ProfileRegistry> registry;
  try {
    registry = gpc::fhir::ProfileRegistry::load({coreDir, officialDir});  // STU3 definitions only
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  return writeSelection(*registry, officialDir, outDir, "hl7-stu3-core.json", "nhs-gpconnect.json", "");
}
