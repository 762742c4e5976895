#pragma once
// What the checks need from the FHIR engine, behind a small seam so that checks are
// tested with a fake and the engine can evolve on its own.

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/suite/interactions.h"

namespace gpc {

struct ValidationIssue {
  std::string severity;  // fatal, error, warning, information
  std::string code;
  std::string location;  // element path
  std::string message;
  std::string profile;
};

// Thrown for a FHIRPath expression that does not parse or cannot be evaluated.
struct FhirPathError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class FhirServices {
 public:
  virtual ~FhirServices() = default;
  // False when no FHIR engine is linked: fhirpath/validate expectations then error, never pass.
  virtual bool available() const = 0;
  virtual std::vector<nlohmann::json> evaluateFhirPath(
      std::string_view expression, const nlohmann::json& root,
      const std::map<std::string, nlohmann::json>& variables) const = 0;
  virtual std::vector<ValidationIssue> validate(const nlohmann::json& resource,
                                                const std::vector<std::string>& extraProfiles) const = 0;
  // Validation against the definitions of one FHIR version (a DSTU2 resource is never judged by
  // STU3 base rules). The default, for engines with one model set, is validate().
  virtual std::vector<ValidationIssue> validateAs(const nlohmann::json& resource,
                                                  const std::vector<std::string>& extraProfiles,
                                                  FhirVersion) const {
    return validate(resource, extraProfiles);
  }
  // FHIR XML to FHIR JSON; parse problems appended to `problems`. Throws std::runtime_error
  // when the text is not XML at all.
  virtual nlohmann::json xmlToJson(std::string_view xml, std::vector<std::string>* problems) const = 0;
  // FHIR JSON to FHIR XML (request bodies with "format": "xml").
  virtual std::string jsonToXml(const nlohmann::json& resource) const = 0;
};

// The engine-less implementation: available() is false and every call throws.
std::unique_ptr<FhirServices> makeUnavailableFhirServices();

// The real engine (runner/fhir). `profilesDir` holds the definitions to validate against; empty:
// the project's profiles/ (ProfileRegistry::loadDefault). STU3 and DSTU2 definitions are loaded as
// two model sets (runner/fhir/fhir_version.h): validateAs picks one by version, validate() by what
// the resource claims (DSTU2 when its meta.profile is http://fhir.nhs.net/..., else STU3). Throws
// std::runtime_error naming the problem when the definitions cannot be loaded (callers may fall
// back to the unavailable one).
std::unique_ptr<FhirServices> makeFhirServices(const std::string& profilesDir);

}  // namespace gpc
