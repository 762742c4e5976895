#include "provider/core/fhir_xml.h"

namespace gpc::provider::core {

std::shared_ptr<const XmlCodec> makeXmlCodec() {
  // The FHIR engine's toXml/parseXml (runner/fhir/xml.h) are not yet in the build; until they
  // are, XML is refused visibly. Wiring them in is this function only.
  return nullptr;
}

}  // namespace gpc::provider::core
