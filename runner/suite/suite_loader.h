#pragma once
// Loads every suite under a suites root (default: <source>/suites) with the interactions
// table, validates everything and expands examples. Bad input throws gpc::LoadError
// (`suites/x.json: /cases/3/expect/status: reason`).

#include <filesystem>
#include <string>
#include <vector>

#include "runner/core/load_error.h"
#include "runner/suite/case.h"
#include "runner/suite/interactions.h"

namespace gpc {

struct SuiteSet {
  InteractionTable interactions;
  std::vector<Case> cases;  // in file order (paths sorted), then case order
};

// True for a path (relative to the suites root) that loadSuites reads as a suite: every *.json
// except interactions.json, files named *.reasons.json or *.meta.json, and anything under meta/
// (reserved for data about suites, e.g. not-applicable reasons).
bool isSuiteFileName(const std::filesystem::path& relative);

// Reads <suitesRoot>/interactions.json and every suite file below suitesRoot (isSuiteFileName).
// File names in errors and CaseInfo::suiteFile are relative to suitesRoot's parent
// ("suites/foundations/metadata.json").
SuiteSet loadSuites(const std::filesystem::path& suitesRoot);

// One suite file against a given table (for tests and tools). `displayName` is used in errors.
std::vector<Case> loadSuiteFile(const std::filesystem::path& file, const std::string& displayName,
                                const InteractionTable& interactions);
std::vector<Case> parseSuite(const std::string& text, const std::string& displayName,
                             const InteractionTable& interactions);

// Every `request.body.fixture` named literally exists below fixturesRoot (loadSuites uses the
// suites root's sibling fixtures/); throws LoadError at the case's body.
void checkFixtures(const std::vector<Case>& cases, const std::filesystem::path& fixturesRoot);

// Ids must be unique across all suites after expansion; throws LoadError naming both places.
void checkUniqueIds(const std::vector<Case>& cases);

}  // namespace gpc
