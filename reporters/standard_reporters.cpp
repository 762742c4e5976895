// The one list of report files `run --report` knows. Each registrar lives beside its reporter.

#include "reporters/reporter_registry.h"

namespace gpc::reporters {

void registerJUnitReporters(ReporterRegistry& registry);  // junit_reporter.cpp
void registerJsonReporter(ReporterRegistry& registry);    // json_reporter.cpp
void registerHtmlReporter(ReporterRegistry& registry);    // html_reporter.cpp

ReporterRegistry standardReporters() {
  ReporterRegistry registry;
  registerJUnitReporters(registry);
  registerJsonReporter(registry);
  registerHtmlReporter(registry);
  return registry;
}

}  // namespace gpc::reporters
