#include "runner/coverage/official_scenarios.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gpc::coverage {
namespace {

std::vector<std::string> splitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) fields.push_back(field);
  if (!line.empty() && line.back() == '\t') fields.emplace_back();
  return fields;
}

std::string where(const std::filesystem::path& tsv, int line) {
  return tsv.string() + ":" + std::to_string(line) + ": ";
}

}  // namespace

std::vector<OfficialScenario> loadOfficialScenarios(const std::filesystem::path& tsv) {
  std::ifstream in(tsv);
  if (!in) throw std::runtime_error(tsv.string() + ": cannot open the official scenario list");
  const std::vector<std::string> expectedHeader = {"branch", "feature_file", "scenario_title",
                                                   "outline_example_rows", "category"};
  std::vector<OfficialScenario> scenarios;
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto fields = splitTabs(line);
    if (lineNo == 1) {
      if (fields != expectedHeader)
        throw std::runtime_error(where(tsv, lineNo) +
                                 "expected the header branch/feature_file/scenario_title/"
                                 "outline_example_rows/category (tab-separated)");
      continue;
    }
    if (fields.size() != expectedHeader.size())
      throw std::runtime_error(where(tsv, lineNo) + "expected 5 tab-separated fields, found " +
                               std::to_string(fields.size()));
    OfficialScenario s{fields[0], fields[1], fields[2], 0, fields[4]};
    try {
      std::size_t used = 0;
      s.exampleRows = std::stoi(fields[3], &used);
      if (used != fields[3].size() || s.exampleRows < 0) throw std::invalid_argument("count");
    } catch (const std::exception&) {
      throw std::runtime_error(where(tsv, lineNo) + "outline_example_rows is not a count: '" +
                               fields[3] + "'");
    }
    if (s.feature.empty() || s.title.empty() || s.category.empty())
      throw std::runtime_error(where(tsv, lineNo) + "empty feature, title or category");
    scenarios.push_back(std::move(s));
  }
  if (lineNo == 0) throw std::runtime_error(tsv.string() + ": empty file");
  return scenarios;
}

}  // namespace gpc::coverage
