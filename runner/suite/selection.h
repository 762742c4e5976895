#pragma once
// Which cases a run or a list takes. Empty lists select everything.

#include <string>
#include <string_view>
#include <vector>

#include "runner/suite/case.h"

namespace gpc {

struct Selection {
  std::vector<std::string> suiteGlobs;   // matched against suite id OR suite file path; any match
  std::vector<std::string> tags;         // case has at least one of them
  std::vector<std::string> excludeTags;  // case has none of them
  std::vector<std::string> caseGlobs;    // matched against the case id; any match
};

// Shell-style glob: `*` any run of characters, `?` one character, `[abc]` a set. Case-sensitive.
bool globMatch(std::string_view pattern, std::string_view text);

bool selected(const CaseInfo& info, const Selection& selection);

// Keeps order.
std::vector<Case> select(const std::vector<Case>& cases, const Selection& selection);

// "--suite foundations.* --tag jwt" style description for RunInfo::filters.
std::vector<std::string> describe(const Selection& selection);

}  // namespace gpc
