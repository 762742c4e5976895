#include "provider/server/fhir_xml.h"

#include <mutex>
#include <stdexcept>

#include "runner/fhir/validator.h"
#include "runner/fhir/xml.h"

namespace gpc::provider::server {
namespace {

// FHIR XML through the FHIR engine. The profile registry is loaded on the first XML exchange,
// so providers that never see XML (most tests, JSON-only runs) do not pay for it.
class EngineXmlCodec final : public XmlCodec {
 public:
  std::string toXml(const nlohmann::json& resource) const override { return fhir::toXml(resource, registry()); }

  void preload() const override {
    try {
      registry();
    } catch (const std::exception&) {
      // Reported on the first XML exchange, as without preloading.
    }
  }

  std::optional<nlohmann::json> fromXml(const std::string& xml, std::string& problem) const override {
    std::vector<fhir::Issue> issues;
    nlohmann::json parsed = fhir::parseXml(xml, registry(), &issues);
    if (parsed.is_null() || !parsed.is_object()) {
      problem = issues.empty() ? "not a FHIR resource" : fhir::formatIssue(issues.front());
      return std::nullopt;
    }
    return parsed;
  }

 private:
  const fhir::ProfileRegistry& registry() const {
    std::call_once(once_, [this] {
      try {
        registry_ = fhir::ProfileRegistry::loadDefault();
      } catch (const std::exception& e) {
        problem_ = e.what();
      }
    });
    if (!registry_) throw std::runtime_error("FHIR definitions for XML could not be loaded: " + problem_);
    return *registry_;
  }
  mutable std::once_flag once_;
  mutable std::shared_ptr<const fhir::ProfileRegistry> registry_;
  mutable std::string problem_;
};

}  // namespace

std::shared_ptr<const XmlCodec> makeXmlCodec() { return std::make_shared<EngineXmlCodec>(); }

}  // namespace gpc::provider::server
