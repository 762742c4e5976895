#include "runner/load/load_plan.h"

#include <algorithm>
#include <regex>
#include <set>

#include "runner/core/json_input.h"
#include "runner/suite/target_requirements.h"

namespace gpc::load {
namespace {

namespace ji = json_input;

// The target patients (keys of its `patients` section) a case's requests and expectations name,
// as {patients.KEY...} or %patients.KEY.
std::set<std::string> patientsUsed(const Case& c, const Target& target) {
  std::string text;
  for (const auto& s : c.steps) text += s.request.dump() + s.expect.dump();
  for (const auto& [name, value] : c.variables) text += value.dump();
  static const std::regex reference(R"(patients\.([A-Za-z0-9_-]+))");
  std::set<std::string> keys;
  const auto& patients = target.tree.contains("patients") ? target.tree["patients"] : nlohmann::json::object();
  for (std::sregex_iterator it(text.begin(), text.end(), reference), end; it != end; ++it) {
    const std::string key = (*it)[1];
    if (patients.contains(key) && patients[key].is_object()) keys.insert(key);
  }
  return keys;
}

Case withoutValidation(Case c) {
  for (auto& step : c.steps) step.expect.erase("validate");
  return c;
}

}  // namespace

std::vector<PlannedEntry> planMix(const LoadProfile& profile, const std::vector<Case>& cases, const Target& target) {
  std::vector<PlannedEntry> planned;
  std::vector<std::string> ids;
  for (const auto& c : cases) ids.push_back(c.info.id);
  for (const auto& entry : profile.mix) {
    const std::string where = ji::child(entry.pointer, "case");
    auto found = std::find_if(cases.begin(), cases.end(), [&](const Case& c) { return c.info.id == entry.caseId; });
    if (found == cases.end()) {
      const std::string near = ji::closest(entry.caseId, ids);
      throw LoadError(profile.file, where,
                      "no suite has a case \"" + entry.caseId + "\"" + (near.empty() ? "" : " (did you mean \"" + near + "\"?)") +
                          "; `gpc-assure list` prints the case ids");
    }
    const Case& c = *found;
    if (!c.skip.empty()) throw LoadError(profile.file, where, "case " + c.info.id + " is skipped by its suite: " + c.skip);
    PlannedEntry p;
    p.caseId = c.info.id;
    p.title = c.info.title;
    p.weight = entry.weight;
    p.validated = c;
    p.unvalidated = withoutValidation(c);
    p.patients = entry.patients;
    if (entry.patients.empty()) {
      p.targets.push_back(target);
    } else {
      const auto used = patientsUsed(c, target);
      if (used.size() != 1)
        throw LoadError(profile.file, ji::child(entry.pointer, "patients"),
                        "case " + c.info.id + " names " + std::to_string(used.size()) +
                            " target patients, so which one to bind is not clear: leave \"patients\" out for this case");
      const std::string own = *used.begin();
      for (std::size_t i = 0; i < entry.patients.size(); ++i) {
        const std::string& key = entry.patients[i];
        const std::string ptr = ji::child(ji::child(entry.pointer, "patients"), i);
        if (!target.tree.contains("patients") || !target.tree["patients"].contains(key))
          throw LoadError(profile.file, ptr, "the target has no patient \"" + key + "\" (its patients section)");
        Target bound = target;
        bound.tree["patients"][own] = target.tree["patients"][key];
        p.targets.push_back(std::move(bound));
      }
    }
    for (const auto& t : p.targets)
      if (auto unmet = unmetRequirement(c, t.tree))
        throw LoadError(profile.file, where, "case " + c.info.id + " cannot run at this target: " + *unmet);
    planned.push_back(std::move(p));
  }
  return planned;
}

}  // namespace gpc::load
