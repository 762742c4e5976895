#pragma once
// Runs expanded suite cases against a fresh in-process reference provider: the shared harness of
// the part-1 and part-2 suite tests.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "runner/checks/fhir_services.h"
#include "runner/core/model.h"
#include "runner/suite/suite_loader.h"

namespace gpc::suitetest {

// Runs `chosen` on 4 threads against a provider started with `faults`, using the project's
// reference target. With stopAtFailure the run ends soon after the first Failed case (enough to
// prove a fault is caught); only the cases that ran are returned, in their original order.
// `rounds` > 1 runs the cases that many times against the same provider (state kept between
// rounds) and returns the last round's results.
std::vector<CaseResult> runAgainstReferenceProvider(const std::filesystem::path& root, FhirServices& fhir,
                                                    const std::set<std::string>& faults,
                                                    const std::vector<const Case*>& chosen,
                                                    bool stopAtFailure, int rounds = 1);

}  // namespace gpc::suitetest
