#include "runner/coverage/suite_traces.h"

#include <algorithm>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

namespace gpc::coverage {
namespace {

using Json = nlohmann::json;
using Row = std::map<std::string, Json>;

// Example rows of a case: an object of equal-length columns or a list of row objects.
// A case without examples is one row with no columns.
std::vector<Row> exampleRows(const Json& kase, const std::string& where,
                             std::vector<std::string>& problems) {
  if (!kase.contains("examples")) return {Row{}};
  const Json& ex = kase["examples"];
  std::vector<Row> rows;
  if (ex.is_array()) {
    for (std::size_t i = 0; i < ex.size(); ++i) {
      if (!ex[i].is_object()) {
        problems.push_back(where + "/examples/" + std::to_string(i) + ": expected a row object");
        continue;
      }
      Row row;
      for (auto& [k, v] : ex[i].items()) row[k] = v;
      rows.push_back(std::move(row));
    }
  } else if (ex.is_object()) {
    std::size_t length = 0;
    bool first = true;
    for (auto& [k, v] : ex.items()) {
      if (!v.is_array()) {
        problems.push_back(where + "/examples/" + k + ": expected a column (array)");
        return {};
      }
      if (!first && v.size() != length) {
        problems.push_back(where + "/examples/" + k + ": column length " +
                           std::to_string(v.size()) + " differs from " + std::to_string(length));
        return {};
      }
      length = v.size();
      first = false;
    }
    for (std::size_t i = 0; i < length; ++i) {
      Row row;
      for (auto& [k, v] : ex.items()) row[k] = v[i];
      rows.push_back(std::move(row));
    }
  } else {
    problems.push_back(where + "/examples: expected an object of columns or a list of rows");
  }
  if (rows.empty()) problems.push_back(where + "/examples: no rows");
  return rows;
}

std::string cellText(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// Substitutes {column} for the row's columns; other braces (variables, {{) are left alone.
std::string expand(const std::string& text, const Row& row) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 1 < text.size() && text[i + 1] != '{') {
      auto close = text.find('}', i);
      if (close != std::string::npos) {
        auto it = row.find(text.substr(i + 1, close - i - 1));
        if (it != row.end()) {
          out += cellText(it->second);
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

// A string that is exactly "{column}" takes the column's JSON value (docs/suite-format.md).
Json substituteWhole(const Json& value, const Row& row) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > 2 && text.front() == '{' && text.back() == '}') {
      auto it = row.find(text.substr(1, text.size() - 2));
      if (it != row.end()) return it->second;
    }
    return value;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto& item : value) out.push_back(substituteWhole(item, row));
    return out;
  }
  return value;
}

// `official` after substitution: a list of strings (a column may also give one string).
std::vector<std::string> officialNames(const Json& value, const std::string& where,
                                       std::vector<std::string>& problems) {
  std::vector<std::string> names;
  if (value.is_string()) return {value.get<std::string>()};
  if (!value.is_array()) {
    problems.push_back(where + "/official: expected a list of strings");
    return names;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i].is_string()) names.push_back(value[i].get<std::string>());
    else if (value[i].is_array()) {
      for (auto& n : officialNames(value[i], where, problems)) names.push_back(n);
    } else {
      problems.push_back(where + "/official/" + std::to_string(i) + ": expected a string");
    }
  }
  return names;
}

void readCase(const Json& kase, const std::string& file, const std::string& where,
              SuiteTraces& traces) {
  if (!kase.is_object()) {
    traces.problems.push_back(where + ": expected a case object");
    return;
  }
  const std::string id = kase.value("id", std::string{});
  if (id.empty()) traces.problems.push_back(where + "/id: missing");
  const Json official = kase.contains("official") ? kase["official"] : Json::array();
  std::string requirement;
  if (kase.contains("requirement")) {
    if (kase["requirement"].is_string()) requirement = kase["requirement"].get<std::string>();
    else traces.problems.push_back(where + "/requirement: expected a string");
  }
  const std::string skip = kase.contains("skip") && kase["skip"].is_string() ? kase["skip"].get<std::string>() : "";
  for (const Row& row : exampleRows(kase, where, traces.problems)) {
    CaseTrace t{file, expand(id, row), expand(requirement, row), {}, skip};
    for (auto& name : officialNames(substituteWhole(official, row), where, traces.problems))
      t.official.push_back(expand(name, row));
    traces.cases.push_back(std::move(t));
  }
}

}  // namespace

bool isSuiteFile(const std::filesystem::path& relative) {
  // The same rule as the runner's loader: every *.json below the root but the interactions table.
  return relative.extension() == ".json" && relative.generic_string() != "interactions.json";
}

SuiteTraces readSuiteTraces(const std::filesystem::path& suitesDir) {
  SuiteTraces traces;
  std::error_code ec;
  if (!std::filesystem::is_directory(suitesDir, ec)) {
    traces.problems.push_back(suitesDir.string() + ": not a directory");
    return traces;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(suitesDir)) {
    if (!entry.is_regular_file()) continue;
    auto rel = std::filesystem::relative(entry.path(), suitesDir);
    if (isSuiteFile(rel)) files.push_back(rel);
  }
  std::sort(files.begin(), files.end());
  for (const auto& rel : files) {
    const std::string file = "suites/" + rel.generic_string();
    std::ifstream in(suitesDir / rel);
    Json suite = Json::parse(in, nullptr, false);
    if (suite.is_discarded()) {
      traces.problems.push_back(file + ": not valid JSON");
      continue;
    }
    if (!suite.is_object() || !suite.contains("cases") || !suite["cases"].is_array()) {
      traces.problems.push_back(file + ": /cases: expected a list of cases");
      continue;
    }
    const Json& cases = suite["cases"];
    for (std::size_t i = 0; i < cases.size(); ++i)
      readCase(cases[i], file, file + ": /cases/" + std::to_string(i), traces);
  }
  return traces;
}

}  // namespace gpc::coverage
