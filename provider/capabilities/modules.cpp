// The capabilities the reference provider serves. Adding one: its folder under
// provider/capabilities/ with a module.cpp, and one line here (docs/architecture.md).
#include "provider/capabilities/appointments/module.h"
#include "provider/capabilities/documents/module.h"
#include "provider/capabilities/foundations/module.h"
#include "provider/capabilities/html/module.h"
#include "provider/capabilities/structured/module.h"

namespace gpc::provider::server {

const std::vector<const CapabilityModule*>& capabilityModules() {
  static const std::vector<const CapabilityModule*> modules = {
      &foundations::foundationsModule(),
      &appointments::appointmentsModule(),
      &structured::structuredModule(),
      &documents::documentsModule(),
      &html::htmlModule(),
  };
  return modules;
}

}  // namespace gpc::provider::server
