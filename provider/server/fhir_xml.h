#pragma once
// The one place FHIR XML is produced and read. The provider serialises JSON internally; XML
// goes through the FHIR engine (runner/fhir/xml.h) once it is available in this build.

#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace gpc::provider::server {

class XmlCodec {
 public:
  virtual ~XmlCodec() = default;
  virtual std::string toXml(const nlohmann::json& resource) const = 0;
  // nullopt and `problem` set when the XML is not a FHIR resource.
  virtual std::optional<nlohmann::json> fromXml(const std::string& xml, std::string& problem) const = 0;
  // Loads what the codec needs now rather than on the first XML exchange.
  virtual void preload() const {}
};

// The codec, or nullptr when this build has no FHIR XML support (requests for XML are then
// refused with 415 and a diagnostics line saying so, rather than answered in JSON).
std::shared_ptr<const XmlCodec> makeXmlCodec();

}  // namespace gpc::provider::server
