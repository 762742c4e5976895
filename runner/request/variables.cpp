#include "runner/request/variables.h"

#include <cstdio>

#include "runner/request/encoding.h"
#include "runner/request/generated.h"
#include "runner/suite/variable_names.h"

namespace gpc {
namespace {

std::optional<nlohmann::json> fromTree(const nlohmann::json& tree, const std::string& name) {
  const nlohmann::json* node = &tree;
  std::size_t start = 0;
  while (start <= name.size()) {
    auto dot = name.find('.', start);
    auto part = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (node->is_object()) {
      auto it = node->find(part);
      if (it == node->end()) return std::nullopt;
      node = &*it;
    } else if (node->is_array() && !part.empty() && part.find_first_not_of("0123456789") == std::string::npos) {
      auto index = std::stoul(part);
      if (index >= node->size()) return std::nullopt;
      node = &(*node)[index];
    } else {
      return std::nullopt;
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return *node;
}

}  // namespace

std::string dateWithOffset(std::chrono::system_clock::time_point now, std::string_view offset) {
  using namespace std::chrono;
  year_month_day ymd{floor<days>(now)};
  if (!offset.empty()) {
    int sign = offset[0] == '-' ? -1 : 1;
    int amount = std::stoi(std::string(offset.substr(1, offset.size() - 2))) * sign;
    char unit = offset.back();
    if (unit == 'd') {
      ymd = year_month_day{sys_days{ymd} + days{amount}};
    } else {
      ymd = unit == 'y' ? ymd + years{amount} : ymd + months{amount};
      if (!ymd.ok()) ymd = ymd.year() / ymd.month() / last;  // 29 Feb + 1y -> 28 Feb
    }
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buffer;
}

std::optional<nlohmann::json> resolveVariable(const VariableScope& scope, const std::string& name) {
  if (name.rfind("capture.", 0) == 0) {
    if (!scope.captures) return std::nullopt;
    auto it = scope.captures->find(name.substr(8));
    return it == scope.captures->end() ? std::nullopt : std::optional<nlohmann::json>(it->second);
  }
  if (scope.suiteVariables) {
    if (auto it = scope.suiteVariables->find(name); it != scope.suiteVariables->end()) {
      // A suite variable may itself use other variables (not itself).
      if (!it->second.is_string()) return it->second;
      // Most are plain text (a system URL): nothing to substitute, so no copy of the scope.
      if (it->second.get_ref<const std::string&>().find('{') == std::string::npos) return it->second;
      VariableScope inner = scope;
      auto withoutSelf = *scope.suiteVariables;
      withoutSelf.erase(name);
      inner.suiteVariables = &withoutSelf;
      return substituteJson(it->second, makeLookup(inner), Unknown::Throw);
    }
  }
  if (scope.chosenGenerated)
    if (auto it = scope.chosenGenerated->find(name); it != scope.chosenGenerated->end()) return it->second;
  if (auto generated = generatedValue(name, scope.seed, scope.caseId)) return *generated;
  if (isBuiltinVariable(name)) {
    if (name == "trace_id") return scope.traceId;
    if (name == "uuid") return uuidV4();
    if (name == "now") {
      auto t = std::chrono::floor<std::chrono::seconds>(scope.now);
      auto day = std::chrono::floor<std::chrono::days>(t);
      std::chrono::hh_mm_ss hms{t - day};
      char buffer[40];
      std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d+00:00", dateWithOffset(scope.now, "").c_str(),
                    int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count()));
      return std::string(buffer);
    }
    return dateWithOffset(scope.now, std::string_view(name).substr(5));
  }
  if (scope.targetTree && isTargetVariable(name)) return fromTree(*scope.targetTree, name);
  return std::nullopt;
}

VariableLookup makeLookup(const VariableScope& scope) {
  return [scope](const std::string& name) { return resolveVariable(scope, name); };
}

}  // namespace gpc
