#pragma once
// `gpc-assure validate FILE... [--profile URL] [--profiles DIR] [--format json|text] [--fhir auto|stu3|dstu2]`.

#include <ostream>
#include <string>
#include <vector>

namespace gpc::fhir {

struct ValidateCommandArgs {
  std::vector<std::string> files;        // FHIR JSON or XML resources
  std::string profile;                   // also validate against this canonical URL
  std::vector<std::string> profileDirs;  // empty: the project's profiles/
  std::string format = "text";           // text | json (an OperationOutcome per file)
  // auto: each file by what it claims (meta.profile http://fhir.nhs.net/... is DSTU2), else STU3.
  std::string fhirVersion = "auto";      // auto | stu3 | dstu2
};

// Exit status: 0 no errors, 1 validation errors, 2 unreadable input (file, profiles or arguments).
int runValidateCommand(const ValidateCommandArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gpc::fhir
