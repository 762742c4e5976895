#pragma once
// Test support: a TypeInfo over the FHIR STU3 core StructureDefinitions in ../shared (loaded
// lazily, one type at a time), and a FHIR XML -> JSON converter that uses it to know which
// elements repeat and how primitives are typed. The FHIRPath conformance inputs are XML.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/type_info.h"

namespace gpc::fhirpath::testing {

class CoreDefinitions : public gpc::fhir::TypeInfo {
 public:
  explicit CoreDefinitions(std::string packageDir) : dir_(std::move(packageDir)) {}

  std::vector<std::string> elementTypes(std::string_view parentType, std::string_view element) const override;
  std::vector<std::pair<std::string, std::string>> choiceProperties(std::string_view parentType,
                                                                    std::string_view element) const override;
  bool isSubtypeOf(std::string_view type, std::string_view base) const override;
  bool isPrimitive(std::string_view type) const override;

  struct ElementDef {
    std::string max = "1";
    std::vector<std::string> types;
    std::string contentReference;  // "Questionnaire.item" for recursive elements
  };
  // The definition of `parentPath`.`element` ("Patient.contact" + "name"), following the
  // parent's own type when parentPath names a data type.
  std::optional<ElementDef> element(std::string_view parentType, std::string_view element) const;

 private:
  struct TypeDef {
    bool loaded = false, found = false;
    std::string kind, base;
    std::map<std::string, ElementDef, std::less<>> elements;  // by full path
  };
  const TypeDef& load(const std::string& type) const;

  std::string dir_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, TypeDef, std::less<>> types_;
};

// FHIR XML (one resource) to FHIR JSON as the FHIR JSON rules say.
nlohmann::json xmlToJson(const std::string& xml, const CoreDefinitions& defs);

}  // namespace gpc::fhirpath::testing
