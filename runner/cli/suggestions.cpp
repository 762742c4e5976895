#include "runner/cli/suggestions.h"

#include <CLI/CLI.hpp>
#include <algorithm>

#include "runner/cli/command_tree.h"

namespace gpc::cli {
namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbours each cost 1 (a swap is the commonest typo: `rnu` for `run`).
std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> closestMatch(const std::string& typed, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t bestDistance = 3;
  for (const auto& candidate : candidates) {
    const std::size_t d = editDistance(typed, candidate);
    if (d < bestDistance && d * 2 < std::max(typed.size(), candidate.size())) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

std::string suggestionsFor(const CLI::App& app, const std::string& firstArgument) {
  std::vector<std::string> unexpected = app.remaining();
  if (!firstArgument.empty() && firstArgument[0] != '-' &&
      std::find(unexpected.begin(), unexpected.end(), firstArgument) == unexpected.end())
    unexpected.insert(unexpected.begin(), firstArgument);
  std::vector<std::string> commands;
  std::vector<std::string> options;
  const CLI::App* parsed = nullptr;
  for (const CLI::App* sub : app.get_subcommands({})) {
    commands.push_back(sub->get_name());
    if (sub->parsed()) parsed = sub;
    for (auto& arg : sub->remaining()) unexpected.push_back(std::move(arg));
  }
  if (parsed) {
    options = optionNames(*parsed);
  } else {
    for (const CLI::App* sub : app.get_subcommands({}))
      for (auto& name : optionNames(*sub)) options.push_back(std::move(name));
  }
  std::string hints;
  for (const auto& arg : unexpected) {
    const std::string word = arg.substr(0, arg.find('='));
    const bool isOption = !word.empty() && word[0] == '-';
    if (const auto match = closestMatch(word, isOption ? options : commands)) {
      if (*match != word) hints += "did you mean `" + *match + "` (not `" + word + "`)?\n";
    }
  }
  return hints;
}

}  // namespace gpc::cli
