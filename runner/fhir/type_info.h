#pragma once
// What FHIRPath (and anything else walking FHIR JSON) needs to know about FHIR types,
// without depending on how definitions are loaded. The profile loader implements it from
// StructureDefinitions; FHIRPath falls back to what JSON alone shows when none is given.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpc::fhir {

class TypeInfo {
 public:
  virtual ~TypeInfo() = default;

  // The FHIR type of `element` on a value of `parentType` ("Observation", "HumanName",
  // "Observation.component" for backbone elements). For a choice element named without
  // its suffix ("value") every allowed type is returned; empty when unknown.
  virtual std::vector<std::string> elementTypes(std::string_view parentType,
                                                std::string_view element) const = 0;

  // The JSON property names a choice element `value[x]` may appear under on `parentType`,
  // paired with the type each implies ({"valueQuantity","Quantity"}, ...).
  virtual std::vector<std::pair<std::string, std::string>> choiceProperties(
      std::string_view parentType, std::string_view element) const = 0;

  // Whether `type` is `base` or derives from it ("Patient" is a "DomainResource" and a "Resource").
  virtual bool isSubtypeOf(std::string_view type, std::string_view base) const = 0;

  // Whether `type` names a primitive type (boolean, string, date, ...).
  virtual bool isPrimitive(std::string_view type) const = 0;
};

}  // namespace gpc::fhir
