#include "runner/cli/list_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>


namespace gpc::cli {

namespace {
std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

void printColumns(const std::vector<Case>& cases, std::ostream& out) {
  const std::vector<std::string> heading = {"ID", "TITLE", "TAGS", "SUITE FILE"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : cases) rows.push_back({c.info.id, c.info.title, joined(c.info.tags), c.info.suiteFile});
  std::vector<std::size_t> width(heading.size());
  for (std::size_t i = 0; i < heading.size(); ++i) width[i] = heading[i].size();
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  auto printRow = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out << row[i];
      if (i + 1 < row.size()) out << std::string(width[i] - row[i].size() + 2, ' ');
    }
    out << '\n';
  };
  printRow(heading);
  for (const auto& row : rows) printRow(row);
}

void printJson(const std::vector<Case>& cases, std::ostream& out) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : cases)
    list.push_back({{"id", c.info.id},
                    {"title", c.info.title},
                    {"tags", c.info.tags},
                    {"suite", c.info.suiteId},
                    {"suiteFile", c.info.suiteFile},
                    {"capability", c.info.capability},
                    {"requirement", c.info.requirement}});
  out << list.dump(2) << '\n';
}
}  // namespace

void addListCommand(CLI::App& app, ListArgs& args) {
  CLI::App* list = app.add_subcommand("list", "List the cases the filters select (id, title, tags, suite file)");
  addFilterOptions(*list, args.filters);
  list->add_option("--format", args.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  list->add_option("--suites-dir", args.suitesDir, "Suites directory (default: see docs/cli.md)");
}

int runListCommand(const ListArgs& args, std::ostream& out, std::ostream& err) {
  try {
    const SelectedCases chosen = loadSelectedCases(args.filters, args.suitesDir);
    if (args.format == "json") {
      printJson(chosen.cases, out);
    } else {
      printColumns(chosen.cases, out);
    }
    return 0;
  } catch (const std::exception& e) {
    err << "gpc-assure list: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace gpc::cli
