#include "runner/checks/fhir_services.h"

#include <map>
#include <mutex>

#include "runner/fhir/fhir_version.h"
#include "runner/fhir/fhirpath/fhirpath.h"
#include "runner/fhir/validator.h"
#include "runner/fhir/xml.h"

namespace gpc {
namespace {

class UnavailableFhirServices final : public FhirServices {
 public:
  bool available() const override { return false; }
  std::vector<nlohmann::json> evaluateFhirPath(std::string_view, const nlohmann::json&,
                                               const std::map<std::string, nlohmann::json>&) const override {
    throw std::logic_error("FHIR engine not available");
  }
  std::vector<ValidationIssue> validate(const nlohmann::json&, const std::vector<std::string>&) const override {
    throw std::logic_error("FHIR engine not available");
  }
  nlohmann::json xmlToJson(std::string_view, std::vector<std::string>*) const override {
    throw std::logic_error("FHIR engine not available");
  }
  std::string jsonToXml(const nlohmann::json&) const override { throw std::logic_error("FHIR engine not available"); }
};

std::vector<ValidationIssue> toValidationIssues(const std::vector<fhir::Issue>& issues) {
  std::vector<ValidationIssue> out;
  for (const auto& i : issues) out.push_back({i.severity, i.code, i.location, i.message, i.profile});
  return out;
}

// The adapter over runner/fhir: one registry and validator per FHIR version. Registries and
// validators are immutable, so one instance serves every thread.
class EngineFhirServices final : public FhirServices {
 public:
  EngineFhirServices(std::shared_ptr<const fhir::ProfileRegistry> stu3,
                     std::shared_ptr<const fhir::ProfileRegistry> dstu2)
      : stu3_(std::move(stu3)), dstu2_(std::move(dstu2)), stu3Validator_(stu3_), dstu2Validator_(dstu2_) {}

  bool available() const override { return true; }

  std::vector<nlohmann::json> evaluateFhirPath(std::string_view expression, const nlohmann::json& root,
                                               const std::map<std::string, nlohmann::json>& variables) const override {
    try {
      return fhirpath::evaluate(parsed(expression), root, variables, registryFor(root).get());
    } catch (const fhirpath::ParseError& e) {
      throw FhirPathError(std::string("does not parse: ") + e.what());
    } catch (const fhirpath::EvalError& e) {
      throw FhirPathError(e.what());
    }
  }

  std::vector<ValidationIssue> validate(const nlohmann::json& resource,
                                        const std::vector<std::string>& extraProfiles) const override {
    const bool dstu2 = fhir::detectModelVersion(resource) == fhir::ModelVersion::Dstu2;
    return validateAs(resource, extraProfiles, dstu2 ? FhirVersion::DSTU2 : FhirVersion::STU3);
  }

  std::vector<ValidationIssue> validateAs(const nlohmann::json& resource, const std::vector<std::string>& extraProfiles,
                                          FhirVersion version) const override {
    const auto& validator = version == FhirVersion::DSTU2 ? dstu2Validator_ : stu3Validator_;
    return toValidationIssues(validator.validate(resource, extraProfiles));
  }

  nlohmann::json xmlToJson(std::string_view xml, std::vector<std::string>* problems) const override {
    std::vector<fhir::Issue> issues;
    auto json = fhir::parseXml(xml, *stu3_, &issues);
    // Element names and cardinalities differ between versions: a DSTU2 resource (by its claims)
    // is read again with the DSTU2 definitions.
    if (fhir::detectModelVersion(json) == fhir::ModelVersion::Dstu2) {
      issues.clear();
      json = fhir::parseXml(xml, *dstu2_, &issues);
    }
    if (problems)
      for (const auto& i : issues) problems->push_back(i.location.empty() ? i.message : i.location + ": " + i.message);
    return json;
  }

  std::string jsonToXml(const nlohmann::json& resource) const override {
    return fhir::toXml(resource, *registryFor(resource));
  }

 private:
  // Parsed expressions by text: a suite states a few hundred, and a run or a load run evaluates
  // them thousands of times. Parse errors are not kept (they are rare and rethrown by parse).
  // Bounded: texts with substituted values (a captured id) are many; the cache starts over when full.
  fhirpath::Expression parsed(std::string_view text) const {
    {
      std::lock_guard lock(cacheMutex_);
      if (auto it = cache_.find(text); it != cache_.end()) return it->second;
    }
    fhirpath::Expression expression = fhirpath::parse(text);
    std::lock_guard lock(cacheMutex_);
    if (cache_.size() >= kCachedExpressions) cache_.clear();
    cache_.emplace(std::string(text), expression);
    return expression;
  }
  static constexpr std::size_t kCachedExpressions = 4096;
  mutable std::mutex cacheMutex_;
  mutable std::map<std::string, fhirpath::Expression, std::less<>> cache_;

  const std::shared_ptr<const fhir::ProfileRegistry>& registryFor(const nlohmann::json& resource) const {
    return fhir::detectModelVersion(resource) == fhir::ModelVersion::Dstu2 ? dstu2_ : stu3_;
  }

  std::shared_ptr<const fhir::ProfileRegistry> stu3_, dstu2_;
  fhir::Validator stu3Validator_, dstu2Validator_;
};

}  // namespace

std::unique_ptr<FhirServices> makeUnavailableFhirServices() { return std::make_unique<UnavailableFhirServices>(); }

std::unique_ptr<FhirServices> makeFhirServices(const std::string& profilesDir) {
  auto load = [&](fhir::ModelVersion version) {
    return profilesDir.empty() ? fhir::loadDefaultRegistry(version)
                               : fhir::loadRegistry({std::filesystem::path(profilesDir)}, version);
  };
  return std::make_unique<EngineFhirServices>(load(fhir::ModelVersion::Stu3), load(fhir::ModelVersion::Dstu2));
}

}  // namespace gpc
