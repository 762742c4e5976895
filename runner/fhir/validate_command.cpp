#include "runner/fhir/validate_command.h"


#include "runner/fhir/file_text.h"
#include "runner/fhir/validator.h"
#include "runner/fhir/xml.h"

namespace gpc::fhir {
namespace {

bool looksLikeXml(const std::string& text) {
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '<';
  }
  return false;
}

}  // namespace

int runValidateCommand(const ValidateCommandArgs& args, std::ostream& out, std::ostream& err) {
  if (args.files.empty()) {
    err << "validate: no files given\n";
    return 2;
  }
  if (args.format != "text" && args.format != "json") {
    err << "validate: --format must be text or json, not '" << args.format << "'\n";
    return 2;
  }
  std::shared_ptr<const ProfileRegistry> registry;
  try {
    std::vector<std::filesystem::path> dirs(args.profileDirs.begin(), args.profileDirs.end());
    registry = dirs.empty() ? ProfileRegistry::loadDefault() : ProfileRegistry::load(dirs);
  } catch (const std::exception& e) {
    err << "validate: cannot load profiles: " << e.what() << "\n";
    return 2;
  }
  const Validator validator(registry);
  const std::vector<std::string> extra = args.profile.empty() ? std::vector<std::string>{}
                                                               : std::vector<std::string>{args.profile};
  bool unreadable = false;
  bool errors = false;
  nlohmann::json results = nlohmann::json::array();
  for (const auto& file : args.files) {
    auto read = readFileText(file);
    if (!read) {
      err << file << ": cannot be read\n";
      unreadable = true;
      continue;
    }
    const std::string& text = *read;
    std::vector<Issue> issues;
    nlohmann::json resource;
    if (looksLikeXml(text)) {
      resource = parseXml(text, *registry, &issues);
    } else {
      try {
        resource = nlohmann::json::parse(text);
      } catch (const nlohmann::json::parse_error& e) {
        issues.push_back({"fatal", "structure", "(document)", std::string("invalid JSON: ") + e.what(), {}, {}});
      }
    }
    if (!resource.is_null()) {
      auto found = validator.validate(resource, extra);
      issues.insert(issues.end(), found.begin(), found.end());
    }
    errors = errors || hasErrors(issues);
    if (args.format == "json") {
      results.push_back({{"file", file}, {"outcome", issuesToOperationOutcome(issues)}});
    } else {
      std::size_t errorCount = 0;
      for (const auto& issue : issues) errorCount += isError(issue) ? 1 : 0;
      out << file << ": " << (errorCount == 0 ? "valid" : "INVALID") << " (" << errorCount << " error(s), "
          << issues.size() << " issue(s))\n";
      for (const auto& issue : issues) out << "  " << formatIssue(issue) << "\n";
    }
  }
  if (args.format == "json") out << results.dump(2) << "\n";
  if (unreadable) return 2;
  return errors ? 1 : 0;
}

}  // namespace gpc::fhir
