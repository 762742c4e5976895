#include "runner/cli/command_tree.h"

#include <CLI/CLI.hpp>

namespace gpc::cli {
namespace {

// "TEXT:{all,failed}" -> {"all", "failed"}: CLI11 shows an IsMember check as its set in braces.
std::vector<std::string> choicesOf(const std::string& typeName) {
  const auto open = typeName.find('{');
  const auto close = typeName.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  std::vector<std::string> choices;
  std::string item;
  for (const char c : typeName.substr(open + 1, close - open - 1)) {
    if (c == ',') {
      choices.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  if (!item.empty()) choices.push_back(item);
  return choices;
}

bool isNumeric(const std::string& typeName) {
  for (const char* kind : {"INT", "UINT", "FLOAT", "NUMBER"})
    if (typeName.rfind(kind, 0) == 0) return true;
  return false;
}

OptionSpec describeOption(const CLI::Option& option) {
  OptionSpec spec;
  for (const auto& name : option.get_lnames()) spec.names.push_back("--" + name);
  for (const auto& name : option.get_snames()) spec.names.push_back("-" + name);
  if (!option.nonpositional()) spec.positional = option.get_name(true);
  spec.description = option.get_description();
  // A flag expects no items at all (CLI11 sets expected(0) on flags).
  spec.takesValue = option.get_items_expected_max() > 0;
  spec.repeatable = spec.takesValue && option.get_expected_max() > 1;
  const std::string typeName = option.get_type_name();
  spec.choices = choicesOf(typeName);
  spec.numeric = isNumeric(typeName);
  spec.envVar = option.get_envname();
  return spec;
}

void collect(const CommandSpec& command, std::vector<const CommandSpec*>& out) {
  out.push_back(&command);
  for (const auto& sub : command.subcommands) collect(sub, out);
}

}  // namespace

CommandSpec describeCommand(const CLI::App& app, std::vector<std::string> path) {
  CommandSpec spec;
  spec.path = path;
  spec.description = app.get_description();
  for (const CLI::Option* option : app.get_options()) spec.options.push_back(describeOption(*option));
  for (const CLI::App* sub : app.get_subcommands({})) {
    auto subPath = path;
    subPath.push_back(sub->get_name());
    spec.subcommands.push_back(describeCommand(*sub, subPath));
  }
  return spec;
}

std::vector<const CommandSpec*> allCommands(const CommandSpec& root) {
  std::vector<const CommandSpec*> out;
  collect(root, out);
  return out;
}

std::vector<std::string> optionNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options())
    for (const auto& name : describeOption(*option).names) names.push_back(name);
  return names;
}

}  // namespace gpc::cli
