// gpc-format-suites: the one writer of suite files' layout, so hand edits and generated
// edits look the same and review diffs show content, not whitespace.
//
//   gpc-format-suites [--check] DIR...
//
// Every *.json below each DIR is rewritten in the canonical form: two-space indentation,
// keys in the order written, one trailing newline, and every case's `examples` table in row
// form (one object per row holding all its columns) instead of parallel column arrays, which
// drift apart when edited by hand. --check writes nothing and exits 1 listing the files that
// are not in canonical form (CI runs it); 2 is a file that cannot be read or parsed.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// {"a": [1, 2], "b": [3, 4]} -> [{"a": 1, "b": 3}, {"a": 2, "b": 4}]
Json examplesAsRows(const Json& columns, const std::string& pointer) {
  std::size_t rows = 0;
  bool first = true;
  for (const auto& [name, values] : columns.items()) {
    if (!values.is_array())
      throw FormatError(pointer + "/" + name + ": an examples column must be an array");
    if (!first && values.size() != rows)
      throw FormatError(pointer + "/" + name + ": column has " + std::to_string(values.size()) +
                        " rows, the first column has " + std::to_string(rows));
    rows = values.size();
    first = false;
  }
  Json out = Json::array();
  for (std::size_t i = 0; i < rows; ++i) {
    Json row = Json::object();
    for (const auto& [name, values] : columns.items()) row[name] = values[i];
    out.push_back(std::move(row));
  }
  return out;
}

Json canonical(Json suite) {
  if (!suite.is_object() || !suite.contains("cases") || !suite["cases"].is_array()) return suite;
  Json& cases = suite["cases"];
  for (std::size_t i = 0; i < cases.size(); ++i) {
    Json& c = cases[i];
    if (c.is_object() && c.contains("examples") && c["examples"].is_object())
      c["examples"] = examplesAsRows(c["examples"], "/cases/" + std::to_string(i) + "/examples");
  }
  return suite;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormatError("cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeFile(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw FormatError("cannot write " + tmp.string());
  }
  fs::rename(tmp, path);
}

std::vector<fs::path> suiteFiles(const std::vector<fs::path>& dirs) {
  std::vector<fs::path> files;
  for (const auto& dir : dirs) {
    if (!fs::is_directory(dir)) throw FormatError(dir.string() + ": not a directory");
    for (const auto& entry : fs::recursive_directory_iterator(dir))
      if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  bool check = false;
  std::vector<fs::path> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--check") {
      check = true;
    } else if (arg == "-h" || arg == "--help") {
      std::cout << "usage: gpc-format-suites [--check] DIR...\n";
      return 0;
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "gpc-format-suites: unknown option " << arg << "\n";
      return 2;
    } else {
      dirs.emplace_back(arg);
    }
  }
  if (dirs.empty()) {
    std::cerr << "usage: gpc-format-suites [--check] DIR...\n";
    return 2;
  }
  int unformatted = 0;
  try {
    for (const auto& file : suiteFiles(dirs)) {
      std::string before;
      Json parsed;
      try {
        before = readFile(file);
        parsed = Json::parse(before);
        const std::string after = canonical(std::move(parsed)).dump(2) + "\n";
        if (after == before) continue;
        ++unformatted;
        if (check) {
          std::cout << file.string() << ": not in canonical form\n";
        } else {
          writeFile(file, after);
          std::cout << "formatted " << file.string() << "\n";
        }
      } catch (const std::exception& e) {
        std::cerr << "gpc-format-suites: " << file.string() << ": " << e.what() << "\n";
        return 2;
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "gpc-format-suites: " << e.what() << "\n";
    return 2;
  }
  if (check && unformatted > 0) {
    std::cout << unformatted << " suite file" << (unformatted == 1 ? "" : "s")
              << " not in canonical form: run scripts/format-suites\n";
    return 1;
  }
  return 0;
}
