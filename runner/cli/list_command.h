#pragma once
// `gpc-assure list`: every expanded case the filters select, as aligned columns or JSON.

#include <iosfwd>
#include <optional>
#include <string>

#include "runner/cli/case_selection.h"

namespace CLI {
class App;
}

namespace gpc::cli {

struct ListArgs {
  FilterArgs filters;
  std::string format = "text";  // text | json
  std::optional<std::string> suitesDir;
};

void addListCommand(CLI::App& app, ListArgs& args);
// 0 listed; 2 suite error or no case matches.
int runListCommand(const ListArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gpc::cli
