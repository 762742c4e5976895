#include "runner/fhir/validate_command.h"


#include <optional>

#include "runner/fhir/file_text.h"
#include "runner/fhir/fhir_version.h"
#include "runner/fhir/json_depth.h"
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

// The registry and validator of each FHIR version, loaded when a file first needs it.
class Models {
 public:
  explicit Models(std::vector<std::filesystem::path> dirs) : dirs_(std::move(dirs)) {}
  const Validator& operator[](ModelVersion version) {
    auto& slot = version == ModelVersion::Dstu2 ? dstu2_ : stu3_;
    if (!slot) slot.emplace(dirs_.empty() ? loadDefaultRegistry(version) : loadRegistry(dirs_, version));
    return *slot;
  }

 private:
  std::vector<std::filesystem::path> dirs_;
  std::optional<Validator> stu3_, dstu2_;
};

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
  std::optional<ModelVersion> forced;
  if (args.fhirVersion != "auto") {
    forced = parseModelVersion(args.fhirVersion);
    if (!forced) {
      err << "validate: --fhir must be auto, stu3 or dstu2, not '" << args.fhirVersion << "'\n";
      return 2;
    }
  }
  Models models(std::vector<std::filesystem::path>(args.profileDirs.begin(), args.profileDirs.end()));
  try {
    (void)models[forced.value_or(ModelVersion::Stu3)];  // bad profile folders fail before any file
  } catch (const std::exception& e) {
    err << "validate: cannot load profiles: " << e.what() << "\n";
    return 2;
  }
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
    std::optional<ModelVersion> version = forced;
    try {
      if (looksLikeXml(text)) {
        // XML is read with one version's element definitions; in auto mode the claim decides,
        // and a DSTU2 resource is read again with the DSTU2 ones.
        resource = parseXml(text, models[version.value_or(ModelVersion::Stu3)].registry(), &issues);
        if (!version && detectModelVersion(resource) == ModelVersion::Dstu2) {
          issues.clear();
          version = ModelVersion::Dstu2;
          resource = parseXml(text, models[*version].registry(), &issues);
        }
      }
    } catch (const std::exception& e) {
      err << "validate: cannot load profiles: " << e.what() << "\n";
      return 2;
    }
    if (!looksLikeXml(text)) {
      try {
        resource = parseJsonWithinDepth(text);
      } catch (const nlohmann::json::parse_error& e) {
        issues.push_back({"fatal", "structure", "(document)", std::string("invalid JSON: ") + e.what(), {}, {}});
      } catch (const JsonTooDeep& e) {
        issues.push_back({"fatal", "too-costly", "(document)", e.what(), {}, {}});
      }
    }
    if (!resource.is_null()) {
      if (!version) version = detectModelVersion(resource).value_or(ModelVersion::Stu3);
      std::vector<Issue> found;
      try {
        found = models[*version].validate(resource, extra);
      } catch (const std::exception& e) {
        err << "validate: cannot load profiles: " << e.what() << "\n";
        return 2;
      }
      issues.insert(issues.end(), found.begin(), found.end());
    }
    errors = errors || hasErrors(issues);
    if (args.format == "json") {
      results.push_back({{"file", file}, {"outcome", issuesToOperationOutcome(issues)}});
    } else {
      std::size_t errorCount = 0;
      for (const auto& issue : issues) errorCount += isError(issue) ? 1 : 0;
      out << file << ": " << (errorCount == 0 ? "valid" : "INVALID") << " (FHIR "
          << modelVersionName(version.value_or(ModelVersion::Stu3)) << ", " << errorCount << " error(s), "
          << issues.size() << " issue(s))\n";
      for (const auto& issue : issues) out << "  " << formatIssue(issue) << "\n";
    }
  }
  if (args.format == "json") out << results.dump(2) << "\n";
  if (unreadable) return 2;
  return errors ? 1 : 0;
}

}  // namespace gpc::fhir
