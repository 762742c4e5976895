#pragma once
// FHIR profile validation: definitions (StructureDefinitions, ValueSets, CodeSystems) are compiled
// once into an element tree held by a ProfileRegistry; a Validator walks FHIR JSON against it.
// Input errors are issues with an element path, never exceptions.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/type_info.h"

namespace gpc::fhir {

struct Issue {
  std::string severity;   // fatal | error | warning | information
  std::string code;       // FHIR issue-type: structure, required, value, code-invalid, invariant, ...
  std::string location;   // FHIRPath, e.g. Patient.identifier[0].value
  std::string message;
  std::string profile;    // canonical URL of the profile that raised it (may be empty)
  std::string elementId;  // ElementDefinition id within that profile (may be empty)
};

// True for fatal and error issues.
bool isError(const Issue& issue);
bool hasErrors(const std::vector<Issue>& issues);

struct CompiledProfile;  // runner/fhir/model.h
struct CompiledValueSet;

// The loaded, compiled definitions. Immutable once built, so one instance is shared freely
// between threads.
class ProfileRegistry : public TypeInfo {
 public:
  // Loads every StructureDefinition, ValueSet and CodeSystem (JSON, XML or the project's compact
  // form) below each directory. Throws std::runtime_error naming the file on unreadable or invalid
  // definitions. FHIR core types the given directories lack come from the project's profiles/.
  static std::shared_ptr<const ProfileRegistry> load(const std::vector<std::filesystem::path>& dirs);
  // The project's own profiles/ (compact form): STU3 core + GP Connect/CareConnect + DSTU2 HTML.
  static std::shared_ptr<const ProfileRegistry> loadDefault();
  // Where loadDefault() reads from: $GPC_PROFILES_DIR, else <source>/profiles.
  static std::filesystem::path defaultDir();

  ProfileRegistry();
  ~ProfileRegistry() override;
  ProfileRegistry(const ProfileRegistry&) = delete;
  ProfileRegistry& operator=(const ProfileRegistry&) = delete;

  // Profile by canonical URL (a "|version" or "/_history/n" tail is ignored), or base type name.
  const CompiledProfile* profile(std::string_view urlOrType) const;
  // The base definition of a resource or data type ("Patient", "HumanName", "string").
  const CompiledProfile* typeDefinition(std::string_view type) const;
  const CompiledValueSet* valueSet(std::string_view url) const;
  std::vector<std::string> profileUrls() const;
  std::size_t profileCount() const;
  std::size_t valueSetCount() const;

  // TypeInfo
  std::vector<std::string> elementTypes(std::string_view parentType,
                                        std::string_view element) const override;
  std::vector<std::pair<std::string, std::string>> choiceProperties(
      std::string_view parentType, std::string_view element) const override;
  bool isSubtypeOf(std::string_view type, std::string_view base) const override;
  bool isPrimitive(std::string_view type) const override;

  struct Data;
  const Data& data() const { return *data_; }
  Data& mutableData() { return *data_; }

 private:
  std::unique_ptr<Data> data_;
};

class InvariantCompiler;

class Validator {
 public:
  explicit Validator(std::shared_ptr<const ProfileRegistry> registry);

  // Validates `resource` against its base type definition, each profile it claims in
  // meta.profile that is known (an unknown claim is a warning) and each of `extraProfiles`
  // (unknown -> error). Bundles: every entry resource too, and references inside the Bundle must
  // resolve.
  std::vector<Issue> validate(const nlohmann::json& resource,
                              const std::vector<std::string>& extraProfiles = {}) const;

  const ProfileRegistry& registry() const { return *registry_; }

 private:
  std::shared_ptr<const ProfileRegistry> registry_;
  std::shared_ptr<const InvariantCompiler> invariants_;  // constraint expressions, compiled once
};

// An STU3 OperationOutcome carrying the issues (an "information: no issues" one when empty).
nlohmann::json issuesToOperationOutcome(const std::vector<Issue>& issues);

// One line per issue: "error  Patient.identifier[0].value  message  [profile#elementId]".
std::string formatIssue(const Issue& issue);

}  // namespace gpc::fhir
