#include "runner/checks/fhir_services.h"

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

// The adapter over runner/fhir. Registry and validator are immutable, so one instance serves
// every thread.
class EngineFhirServices final : public FhirServices {
 public:
  explicit EngineFhirServices(std::shared_ptr<const fhir::ProfileRegistry> registry)
      : registry_(std::move(registry)), validator_(registry_) {}

  bool available() const override { return true; }

  std::vector<nlohmann::json> evaluateFhirPath(std::string_view expression, const nlohmann::json& root,
                                               const std::map<std::string, nlohmann::json>& variables) const override {
    try {
      return fhirpath::evaluate(fhirpath::parse(expression), root, variables, registry_.get());
    } catch (const fhirpath::ParseError& e) {
      throw FhirPathError(std::string("does not parse: ") + e.what());
    } catch (const fhirpath::EvalError& e) {
      throw FhirPathError(e.what());
    }
  }

  std::vector<ValidationIssue> validate(const nlohmann::json& resource,
                                        const std::vector<std::string>& extraProfiles) const override {
    std::vector<ValidationIssue> out;
    for (const auto& i : validator_.validate(resource, extraProfiles))
      out.push_back({i.severity, i.code, i.location, i.message, i.profile});
    return out;
  }

  nlohmann::json xmlToJson(std::string_view xml, std::vector<std::string>* problems) const override {
    std::vector<fhir::Issue> issues;
    auto json = fhir::parseXml(xml, *registry_, &issues);
    if (problems)
      for (const auto& i : issues) problems->push_back(i.location.empty() ? i.message : i.location + ": " + i.message);
    return json;
  }

  std::string jsonToXml(const nlohmann::json& resource) const override { return fhir::toXml(resource, *registry_); }

 private:
  std::shared_ptr<const fhir::ProfileRegistry> registry_;
  fhir::Validator validator_;
};

}  // namespace

std::unique_ptr<FhirServices> makeUnavailableFhirServices() { return std::make_unique<UnavailableFhirServices>(); }

std::unique_ptr<FhirServices> makeFhirServices(const std::string& profilesDir) {
  auto registry = profilesDir.empty() ? fhir::ProfileRegistry::loadDefault()
                                      : fhir::ProfileRegistry::load({std::filesystem::path(profilesDir)});
  return std::make_unique<EngineFhirServices>(std::move(registry));
}

}  // namespace gpc
