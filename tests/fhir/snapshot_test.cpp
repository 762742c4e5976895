// Snapshot generation (runner/fhir/snapshot.h): a snapshot generated from an official profile's
// differential agrees with the official snapshot on everything validation reads, and profiles
// that ship only a differential are now judged by their full rules (broken copies).

#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <set>

#include "runner/fhir/compile.h"
#include "runner/fhir/definition_reader.h"
#include "runner/fhir/model.h"
#include "runner/fhir/snapshot.h"
#include "runner/fhir/xml_internal.h"
#include "tests/fhir/shared_fixtures.h"

namespace gpc::fhir::testing {
namespace {

nlohmann::json definitionJson(const std::filesystem::path& file) {
  pugi::xml_document doc;
  const std::string text = readText(file);
  if (!doc.load_buffer(text.data(), text.size())) return nullptr;
  return looseFromXml(doc.document_element());
}

std::string typesText(const ElementDef& e) {
  std::string out;
  for (const auto& t : e.types) {
    out += t.code + "(";
    for (const auto& p : t.profiles) out += p + " ";
    out += "->";
    for (const auto& p : t.targetProfiles) out += " " + p;
    out += ")";
  }
  return out;
}

// The parts of an element validation reads, as text. Constraint keys and slicing are compared
// separately (only what can change a verdict).
std::map<std::string, std::string> verdictParts(const ElementDef& e) {
  return {{"cardinality", std::to_string(e.min) + ".." + std::to_string(e.max)},
          {"types", typesText(e)},
          {"contentReference", e.contentReference},
          {"fixed", e.fixed.dump()},
          {"pattern", e.pattern.dump()},
          {"binding", e.bindingStrength + " " + e.valueSet}};
}

std::string slicingText(const ElementDef& e) {
  std::string out = e.sliced ? e.slicingRules : "none";
  for (const auto& d : e.discriminators) out += " " + d.type + ":" + d.path;
  return out;
}

std::string lastSegment(const std::string& path) { return path.substr(path.rfind('.') + 1); }

// "value[x]" and "valueBoolean" name the same element (a renamed choice).
bool sameName(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::string& choice = a.ends_with("[x]") ? a : b;
  const std::string& renamed = a.ends_with("[x]") ? b : a;
  return choice.ends_with("[x]") && renamed.starts_with(choice.substr(0, choice.size() - 3));
}

std::vector<std::string> segments(const std::string& id) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (auto dot = id.find('.'); ; dot = id.find('.', start)) {
    out.push_back(id.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

// Forge names a choice restricted to one type "valueCodeableConcept:valueCodeableConcept" or
// "value[x]:valueCodeableConcept"; the generator keeps "value[x]" (with that one type). Ids
// match when their steps match, a renamed choice matching its "[x]" form.
bool sameId(const std::string& a, const std::string& b) {
  const auto as = segments(a), bs = segments(b);
  if (as.size() != bs.size()) return false;
  auto unrenamed = [](const std::string& segment) {
    const auto colon = segment.find(':');
    if (colon == std::string::npos) return segment;
    const std::string name = segment.substr(0, colon), slice = segment.substr(colon + 1);
    return name == slice || (name.ends_with("[x]") && sameName(name, slice)) ? slice : segment;
  };
  for (std::size_t i = 0; i < as.size(); ++i) {
    const auto x = unrenamed(as[i]), y = unrenamed(bs[i]);
    if (x != y && (x.find(':') != std::string::npos || y.find(':') != std::string::npos || !sameName(x, y))) return false;
  }
  return true;
}

const ElementDef* byId(const std::vector<ElementDef>& elements, const std::string& id) {
  auto it = std::find_if(elements.begin(), elements.end(), [&](const ElementDef& e) { return e.id == id; });
  if (it == elements.end()) {
    const auto depth = std::count(id.begin(), id.end(), '.');
    it = std::find_if(elements.begin(), elements.end(), [&](const ElementDef& e) {
      return std::count(e.id.begin(), e.id.end(), '.') == depth && sameId(e.id, id);
    });
  }
  return it == elements.end() ? nullptr : &*it;
}

// The same element under the unsliced element ("a:s.b" -> "a.b"), whose rules apply to every
// item, slices included; null when `id` is not inside a slice.
const ElementDef* unslicedTwin(const std::vector<ElementDef>& elements, const std::string& id) {
  const auto colon = id.find(':');
  if (colon == std::string::npos) return nullptr;
  const auto dot = id.find('.', colon);
  return byId(elements, id.substr(0, colon) + (dot == std::string::npos ? std::string() : id.substr(dot)));
}

bool isProfiledExtension(const ElementDef& e) {
  return e.types.size() == 1 && e.types[0].code == "Extension" && e.types[0].profiles.size() == 1;
}

// The definition that describes the children of an element of `type` (its one type profile, or
// the type).
const RawProfile* definitionOf(const TypeRef& type) {
  const CompiledProfile* definition = nullptr;
  if (type.code != "Reference" && type.profiles.size() == 1) definition = officialRegistry()->profile(type.profiles[0]);
  if (definition == nullptr) definition = officialRegistry()->typeDefinition(type.code);
  return definition == nullptr ? nullptr : &definition->raw;
}

// The element with `id` in `elements`, or, when an ancestor leaves it to its type (not
// unrolled), the element of the type's definition at the same place.
const ElementDef* resolve(const std::vector<ElementDef>& elements, const std::string& id, int depth = 0) {
  if (const ElementDef* e = byId(elements, id)) return e;
  if (depth > 6) return nullptr;
  std::string prefix = id;
  const ElementDef* ancestor = nullptr;
  for (auto dot = prefix.rfind('.'); dot != std::string::npos && ancestor == nullptr; dot = prefix.rfind('.')) {
    prefix.erase(dot);
    ancestor = byId(elements, prefix);
  }
  if (ancestor == nullptr || ancestor->types.size() != 1) return nullptr;
  const RawProfile* definition = definitionOf(ancestor->types[0]);
  if (definition == nullptr || definition->elements.empty()) return nullptr;
  return resolve(definition->elements, definition->elements.front().id + id.substr(prefix.size()), depth + 1);
}

// Inside an element whose type is a profile (an extension definition), the profile's own pass
// judges the content, so the snapshot's copy of it is not what decides a verdict.
bool insideProfiledType(const std::string& id, const std::vector<ElementDef>& generated) {
  std::string prefix = id;
  for (auto dot = prefix.rfind('.'); dot != std::string::npos; dot = prefix.rfind('.')) {
    prefix.erase(dot);
    const ElementDef* e = byId(generated, prefix);
    if (e != nullptr && e->types.size() == 1 && e->types[0].code != "Reference" && !e->types[0].profiles.empty()) {
      return true;
    }
  }
  return false;
}

const SnapshotSource& officialSource() {
  static const SnapshotSource source = [](std::string_view url) -> const RawProfile* {
    const CompiledProfile* p = officialRegistry()->profile(url);
    return p != nullptr ? &p->raw : nullptr;
  };
  return source;
}

TEST(Snapshot, GeneratedFromDifferentialMatchesOfficialSnapshot) {
  if (!haveShared()) GTEST_SKIP() << "../shared absent: no official profiles to compare with";
  int compared = 0;
  std::vector<std::string> mismatches;
  for (const char* dir : {"gpconnect-stu3", "careconnect-base"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(sharedDir() / "profiles-official" / dir)) {
      if (entry.path().extension() != ".xml") continue;
      auto json = definitionJson(entry.path());
      if (!json.is_object() || json.value("resourceType", "") != "StructureDefinition") continue;
      if (!json.contains("snapshot") || !json.contains("differential")) continue;
      const RawProfile official = readStructureDefinition(json, entry.path().string());
      if (official.derivation != "constraint" || official.fhirVersion.starts_with("1.0")) continue;
      json.erase("snapshot");
      RawProfile generated = readStructureDefinition(json, entry.path().string());
      ASSERT_FALSE(generated.hasSnapshot);
      std::set<std::string> ownKeys;  // constraints this profile adds (inherited ones are the base's)
      for (const auto& e : generated.elements) ownKeys.insert(e.constraintKeys.begin(), e.constraintKeys.end());
      generateSnapshot(generated, officialSource());
      ASSERT_TRUE(generated.hasSnapshot);
      ++compared;
      const std::string name = entry.path().filename().string() + " ";
      // Compare what the compiler places of the official snapshot (it ignores elements such as a
      // slice of a path that has no unsliced element).
      CompiledProfile placed;
      placed.raw = official;
      buildTree(placed);
      for (const ElementNode& node : placed.nodes) {
        const ElementDef& e = *node.def;
        if (insideProfiledType(e.id, generated.elements)) continue;
        const ElementDef* got = resolve(generated.elements, e.id);
        if (got == nullptr) {
          mismatches.push_back(name + e.id + ": missing");
          continue;
        }
        if (!sameName(lastSegment(e.path), lastSegment(got->path))) {
          mismatches.push_back(name + e.id + ": path '" + got->path + "'");
        }
        const auto want = verdictParts(e);
        const auto have = verdictParts(*got);
        const ElementDef* twin = unslicedTwin(generated.elements, e.id);
        for (const auto& [part, value] : want) {
          if (have.at(part) == value) continue;
          // Forge versions disagree on an extension slice's cardinality when the differential
          // states none (0..* or the extension root's 0..1); the generator takes the root's,
          // as the FHIR snapshot rules say.
          if (part == "cardinality" && isProfiledExtension(e)) continue;
          // Narrowed on the unsliced element, which judges every item anyway.
          if (twin != nullptr && verdictParts(*twin).at(part) == have.at(part)) continue;
          mismatches.push_back(name + e.id + " " + part + ": official '" + value + "', generated '" + have.at(part) + "'");
        }
        // Slicing matters where there are slices (extension slicing alone changes nothing).
        if (!node.slices.empty() && slicingText(e) != slicingText(*got)) {
          mismatches.push_back(name + e.id + " slicing: official '" + slicingText(e) + "', generated '" +
                               slicingText(*got) + "'");
        }
        for (const auto& key : e.constraintKeys) {
          if (!ownKeys.contains(key)) continue;
          if (std::find(got->constraintKeys.begin(), got->constraintKeys.end(), key) == got->constraintKeys.end() ||
              !generated.constraints.contains(key)) {
            mismatches.push_back(name + e.id + ": constraint " + key + " lost");
          }
        }
      }
    }
  }
  EXPECT_GT(compared, 50);
  std::string text;
  for (const auto& m : mismatches) text += "  " + m + "\n";
  EXPECT_TRUE(mismatches.empty()) << mismatches.size() << " differences in " << compared << " profiles:\n" << text;
}

TEST(Snapshot, UnknownBaseAndUnplaceableElementsAreNamed) {
  if (!haveShared()) GTEST_SKIP() << "../shared absent: no base definitions";
  RawProfile p;
  p.url = "https://example.org/StructureDefinition/Odd";
  p.source = "odd.xml";
  p.type = "Patient";
  p.derivation = "constraint";
  p.hasSnapshot = false;
  p.baseDefinition = "https://example.org/StructureDefinition/Missing";
  ElementDef e;
  e.path = e.id = "Patient.favouriteColour";
  p.elements.push_back(e);
  try {
    generateSnapshot(p, officialSource());
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("odd.xml"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("Missing"), std::string::npos) << error.what();
  }
  p.baseDefinition = "http://hl7.org/fhir/StructureDefinition/Patient";
  try {
    generateSnapshot(p, officialSource());
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("Patient.favouriteColour"), std::string::npos) << error.what();
  }
}

constexpr const char* kAppointment = "https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Appointment-1";
constexpr const char* kDispense = "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-MedicationDispense-1";

nlohmann::json appointment() {
  return {{"resourceType", "Appointment"},
          {"id", "1"},
          {"meta", {{"profile", {kAppointment}}}},
          {"identifier", {{{"system", "https://example.org/appointments"}, {"value", "A1"}}}},
          {"status", "booked"},
          {"reason", {{{"coding", {{{"system", "http://snomed.info/sct"}, {"code", "185389009"},
                                    {"display", "Follow-up visit"}}}}}}},
          {"description", "Follow-up"},
          {"start", "2026-11-21T10:00:00+00:00"},
          {"end", "2026-11-21T10:15:00+00:00"},
          {"slot", {{{"reference", "Slot/1"}}}},
          {"created", "2026-11-20T09:00:00+00:00"},
          {"participant", {{{"actor", {{"reference", "Patient/2"}}}, {"status", "accepted"}}}}};
}

nlohmann::json dispense() {
  return {{"resourceType", "MedicationDispense"},
          {"id", "1"},
          {"meta", {{"profile", {kDispense}}}},
          {"status", "completed"},
          {"medicationReference", {{"reference", "Medication/1"}}},
          {"subject", {{"reference", "Patient/2"},
                       {"identifier", {{"system", "https://fhir.nhs.uk/Id/nhs-number"}, {"value", "9690937286"}}}}},
          {"performer", {{{"actor", {{"reference", "Practitioner/1"}}}}}},
          {"quantity", {{"value", 28}, {"unit", "tablet"}, {"system", "http://snomed.info/sct"}, {"code", "428673006"}}}};
}

struct Break {
  const char* name;
  nlohmann::json (*subject)();
  void (*apply)(nlohmann::json&);
  const char* location;
  const char* messagePart;
};

// Each break reaches below an element the differential does not list itself (identifier,
// reason.coding, subject.identifier), which the differential alone could not check.
const Break kBreaks[] = {
    {"IdentifierWithoutSystem", appointment, [](nlohmann::json& r) { r["identifier"][0].erase("system"); },
     "Appointment.identifier[0].system", "minimum required = 1"},
    {"IdentifierWithPeriod", appointment,
     [](nlohmann::json& r) { r["identifier"][0]["period"] = {{"start", "2026-01-01"}}; },
     "Appointment.identifier[0].period", "maximum allowed = 0"},
    {"ReasonWithoutDisplay", appointment, [](nlohmann::json& r) { r["reason"][0]["coding"][0].erase("display"); },
     "Appointment.reason[0].coding[0].display", "minimum required = 1"},
    {"ReasonCodingWithVersion", appointment, [](nlohmann::json& r) { r["reason"][0]["coding"][0]["version"] = "1"; },
     "Appointment.reason[0].coding[0].version", "maximum allowed = 0"},
    {"SubjectIdentifierNotNhsNumber", dispense,
     [](nlohmann::json& r) { r["subject"]["identifier"]["system"] = "https://example.org/patients"; },
     "MedicationDispense.subject.identifier.system", "must be exactly \"https://fhir.nhs.uk/Id/nhs-number\""},
    {"QuantityWithoutUnit", dispense, [](nlohmann::json& r) { r["quantity"].erase("unit"); },
     "MedicationDispense.quantity.unit", "minimum required = 1"},
};

void checkDifferentialOnlyProfiles(const std::shared_ptr<const ProfileRegistry>& registry) {
  for (const char* url : {kAppointment, kDispense}) {
    const CompiledProfile* p = registry->profile(url);
    ASSERT_NE(p, nullptr) << url;
    EXPECT_TRUE(p->raw.hasSnapshot) << url;
    EXPECT_GT(p->raw.elements.size(), 60u) << url << ": the base's elements are part of the snapshot";
  }
  const Validator validator(registry);
  for (const auto& b : kBreaks) {
    SCOPED_TRACE(b.name);
    const auto original = b.subject();
    ASSERT_TRUE(errorsOf(validator.validate(original)).empty()) << describe(validator.validate(original));
    auto broken = original;
    b.apply(broken);
    const auto errors = errorsOf(validator.validate(broken));
    ASSERT_EQ(errors.size(), 1u) << describe(errors);
    EXPECT_EQ(errors[0].location, b.location);
    EXPECT_NE(errors[0].message.find(b.messagePart), std::string::npos) << errors[0].message;
  }
}

TEST(Snapshot, DifferentialOnlyProfilesCatchBrokenCopiesWithOfficialProfiles) {
  if (!haveShared()) GTEST_SKIP() << "../shared absent: no official profiles";
  checkDifferentialOnlyProfiles(officialRegistry());
}

TEST(Snapshot, DifferentialOnlyProfilesCatchBrokenCopiesWithProjectProfiles) {
  checkDifferentialOnlyProfiles(defaultRegistry());
}

}  // namespace
}  // namespace gpc::fhir::testing

namespace gpc::fhir::testing {
namespace {

// A differential that slices a choice by type (R4 style, "value[x]:valueQuantity"): the
// generated snapshot gets a type discriminator, a Quantity value falls in the slice and its
// rules apply; other types do not.
TEST(Snapshot, ChoiceSlicedByType) {
  const auto dir = std::filesystem::path(GPC_BINARY_DIR) / "test-fhir-scratch" / "typed-observation";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const nlohmann::json sd = {
      {"resourceType", "StructureDefinition"},
      {"url", "https://example.org/StructureDefinition/TypedObservation"},
      {"name", "TypedObservation"},
      {"type", "Observation"},
      {"kind", "resource"},
      {"abstract", false},
      {"derivation", "constraint"},
      {"fhirVersion", "3.0.1"},
      {"baseDefinition", "http://hl7.org/fhir/StructureDefinition/Observation"},
      {"differential",
       {{"element",
         {{{"id", "Observation.value[x]:valueQuantity"}, {"path", "Observation.value[x]"},
           {"sliceName", "valueQuantity"}, {"type", {{{"code", "Quantity"}}}}},
          {{"id", "Observation.value[x]:valueQuantity.unit"}, {"path", "Observation.value[x].unit"}, {"min", 1}}}}}}};
  std::ofstream(dir / "TypedObservation.json") << sd.dump();
  const auto registry = ProfileRegistry::load({dir});
  const CompiledProfile* p = registry->profile("https://example.org/StructureDefinition/TypedObservation");
  ASSERT_NE(p, nullptr);
  auto choice = p->byPath.find("Observation.value[x]");
  ASSERT_NE(choice, p->byPath.end());
  ASSERT_EQ(choice->second->slices.size(), 1u);
  ASSERT_EQ(choice->second->def->discriminators.size(), 1u);
  EXPECT_EQ(choice->second->def->discriminators[0].type, "type");

  const Validator validator(registry);
  nlohmann::json observation = {{"resourceType", "Observation"},
                                {"meta", {{"profile", {"https://example.org/StructureDefinition/TypedObservation"}}}},
                                {"status", "final"},
                                {"code", {{"text", "weight"}}},
                                {"valueQuantity", {{"value", 72}, {"unit", "kg"}}}};
  EXPECT_TRUE(errorsOf(validator.validate(observation)).empty()) << describe(validator.validate(observation));
  observation["valueQuantity"].erase("unit");
  const auto errors = errorsOf(validator.validate(observation));
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  EXPECT_EQ(errors[0].location, "Observation.valueQuantity.unit");
  observation.erase("valueQuantity");
  observation["valueString"] = "72 kg";
  EXPECT_TRUE(errorsOf(validator.validate(observation)).empty()) << describe(validator.validate(observation));
}

}  // namespace
}  // namespace gpc::fhir::testing
