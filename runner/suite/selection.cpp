#include "runner/suite/selection.h"

#include <algorithm>

namespace gpc {

bool globMatch(std::string_view pattern, std::string_view text) {
  // Iterative matcher with backtracking to the last '*': linear-ish, no recursion blow-up.
  std::size_t p = 0, t = 0, starP = std::string_view::npos, starT = 0;
  auto matchSet = [&](std::size_t& pi, char c) -> bool {
    // pattern[pi] == '['; on return pi is past ']'.
    std::size_t i = pi + 1;
    bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
    if (negate) ++i;
    bool found = false;
    std::size_t start = i;
    while (i < pattern.size() && (pattern[i] != ']' || i == start)) {
      if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
        if (c >= pattern[i] && c <= pattern[i + 2]) found = true;
        i += 3;
      } else {
        if (pattern[i] == c) found = true;
        ++i;
      }
    }
    pi = i < pattern.size() ? i + 1 : i;
    return found != negate;
  };
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      starP = p++;
      starT = t;
      continue;
    }
    if (p < pattern.size() && pattern[p] == '[' && pattern.find(']', p + 1) != std::string_view::npos) {
      std::size_t next = p;
      if (matchSet(next, text[t])) {
        p = next;
        ++t;
        continue;
      }
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
      continue;
    }
    if (starP == std::string_view::npos) return false;
    p = starP + 1;
    t = ++starT;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {
bool anyGlob(const std::vector<std::string>& globs, std::string_view text) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return globMatch(g, text); });
}
bool hasTag(const CaseInfo& info, const std::string& tag) {
  return std::find(info.tags.begin(), info.tags.end(), tag) != info.tags.end();
}
}  // namespace

bool selected(const CaseInfo& info, const Selection& s) {
  if (!s.suiteGlobs.empty() && !anyGlob(s.suiteGlobs, info.suiteId) && !anyGlob(s.suiteGlobs, info.suiteFile))
    return false;
  if (!s.tags.empty() && std::none_of(s.tags.begin(), s.tags.end(), [&](const auto& t) { return hasTag(info, t); }))
    return false;
  if (std::any_of(s.excludeTags.begin(), s.excludeTags.end(), [&](const auto& t) { return hasTag(info, t); }))
    return false;
  if (!s.caseGlobs.empty() && !anyGlob(s.caseGlobs, info.id)) return false;
  return true;
}

std::vector<Case> select(const std::vector<Case>& cases, const Selection& s) {
  std::vector<Case> out;
  for (const auto& c : cases)
    if (selected(c.info, s)) out.push_back(c);
  return out;
}

std::vector<std::string> describe(const Selection& s) {
  std::vector<std::string> out;
  for (const auto& g : s.suiteGlobs) out.push_back("--suite " + g);
  for (const auto& t : s.tags) out.push_back("--tag " + t);
  for (const auto& t : s.excludeTags) out.push_back("--exclude-tag " + t);
  for (const auto& g : s.caseGlobs) out.push_back("--case " + g);
  return out;
}

}  // namespace gpc
