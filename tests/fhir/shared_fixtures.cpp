#include "tests/fhir/shared_fixtures.h"

#include "gpc/build_paths.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace gpc::fhir::testing {

std::filesystem::path sharedDir() { return GPC_SHARED_DIR; }

bool haveShared() { return std::filesystem::is_directory(sharedDir() / "profiles-official"); }

std::shared_ptr<const ProfileRegistry> officialRegistry() {
  static const auto registry = [] {
    std::shared_ptr<const ProfileRegistry> r;
    if (haveShared()) {
      r = ProfileRegistry::load({sharedDir() / "fhir-stu3-core/hl7.fhir.r3.core-3.0.2/package",
                                 sharedDir() / "profiles-official"});
    }
    return r;
  }();
  return registry;
}

std::shared_ptr<const ProfileRegistry> defaultRegistry() {
  static const auto registry = ProfileRegistry::loadDefault();
  return registry;
}

std::vector<std::filesystem::path> stu3JsonSamples() {
  std::vector<std::filesystem::path> files;
  if (!haveShared()) return files;
  for (const char* dir : {"examples", "corpus"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(sharedDir() / dir)) {
      const auto& p = entry.path();
      if (!entry.is_regular_file() || p.extension() != ".json") continue;
      // DSTU2 (Access Record HTML) and JWT payloads are not STU3 resources.
      if (p.string().find("access-record-html") != std::string::npos) continue;
      if (p.string().find("/jwt/") != std::string::npos) continue;
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  return text;
}

nlohmann::json readJson(const std::filesystem::path& file) {
  return nlohmann::json::parse(readText(file), nullptr, false);
}

std::vector<Issue> errorsOf(const std::vector<Issue>& issues) {
  std::vector<Issue> errors;
  std::copy_if(issues.begin(), issues.end(), std::back_inserter(errors), isError);
  return errors;
}

std::string describe(const std::vector<Issue>& issues) {
  std::string out;
  for (const auto& issue : issues) out += "  " + formatIssue(issue) + "\n";
  return out;
}

std::vector<Issue> addedIssues(const std::vector<Issue>& before, const std::vector<Issue>& after) {
  std::vector<Issue> out;
  for (const auto& issue : after) {
    const bool old = std::any_of(before.begin(), before.end(), [&](const Issue& b) {
      return b.location == issue.location && b.message == issue.message;
    });
    if (!old) out.push_back(issue);
  }
  return out;
}

}  // namespace gpc::fhir::testing
