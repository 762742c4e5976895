// The bash and zsh completion files and the man page: the files the build wrote are what the
// command tree gives today, they name every option `--help` shows, and bash, zsh and groff
// accept them (bash actually completes with it).
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "child_process.h"
#include "cli_workspace.h"
#include "runner/cli/app.h"
#include "runner/cli/man_page.h"
#include "runner/cli/shell_completion.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kDocs = GPC_CLI_DOCS_DIR;
const fs::path kBash = kDocs / "bash-completion" / "completions" / "gpc-assure";
const fs::path kZsh = kDocs / "zsh" / "site-functions" / "_gpc-assure";
const fs::path kMan = kDocs / "man" / "man1" / "gpc-assure.1";

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool onPath(const std::string& program) {
  return runProcess({"/bin/sh", "-c", "command -v " + program}).exitCode == 0;
}

// The long options `gpc-assure <command> --help` lists: an independent reading of the same
// definitions (CLI11's own help formatter).
std::set<std::string> helpOptions(const std::vector<std::string>& command) {
  std::vector<std::string> argv = {gpcAssureExe()};
  argv.insert(argv.end(), command.begin(), command.end());
  argv.push_back("--help");
  const auto help = runProcess(argv).out;
  std::set<std::string> names;
  // An option line starts (after its indent) with its names; descriptions, which may mention other
  // commands' options, start with a word.
  static const std::regex optionLine(R"(^ +(-[^ ]+))");  // "-h,--help" or "--target"
  static const std::regex longName(R"(--[a-z][a-z-]+)");
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    std::smatch head;
    if (!std::regex_search(line, head, optionLine)) continue;
    const std::string first = head[1];
    for (auto it = std::sregex_iterator(first.begin(), first.end(), longName); it != std::sregex_iterator(); ++it)
      names.insert(it->str());
  }
  return names;
}

TEST(CliDocs, TheBuiltFilesAreWhatTheCommandTreeGivesNow) {
  const auto tree = gpc::cli::describeCommandLine();
  EXPECT_EQ(slurp(kBash), gpc::cli::bashCompletion(tree)) << kBash;
  EXPECT_EQ(slurp(kZsh), gpc::cli::zshCompletion(tree)) << kZsh;
  EXPECT_EQ(slurp(kMan), gpc::cli::manPage(tree, GPC_VERSION)) << kMan;
}

TEST(CliDocs, EveryOptionTheHelpShowsIsInTheCompletionsAndTheManPage) {
  const std::string bash = slurp(kBash), zsh = slurp(kZsh), man = slurp(kMan);
  const auto tree = gpc::cli::describeCommandLine();
  std::size_t checked = 0;
  for (const auto* command : gpc::cli::allCommands(tree)) {
    if (command->path.empty()) continue;
    std::string path;
    for (const auto& p : command->path) path += (path.empty() ? "" : " ") + p;
    // The bash arm of the command lists its options.
    const auto arm = bash.find("    \"" + path + "\") opts=\"");
    ASSERT_NE(arm, std::string::npos) << path;
    // The option list with a space either side, so every name is found as " --name ".
    const auto listStart = bash.find("opts=\"", arm) + 6;
    const std::string armLine = " " + bash.substr(listStart, bash.find('"', listStart) - listStart) + " ";
    const auto manSection = man.find(".SS \"gpc\\-assure " + std::regex_replace(path, std::regex("-"), "\\-") + "\"");
    ASSERT_NE(manSection, std::string::npos) << path;
    const auto manEnd = man.find(".SS", manSection + 1);  // npos for the last command: to the end
    for (const auto& name : helpOptions(command->path)) {
      EXPECT_NE(armLine.find(" " + name + " "), std::string::npos) << path << " " << name << " in " << armLine;
      const bool inZsh = zsh.find("'" + name + "[") != std::string::npos || zsh.find("'*" + name + "[") != std::string::npos;
      EXPECT_TRUE(inZsh) << path << " " << name;
      if (name != "--help") {
        EXPECT_LT(man.find("\\fB" + std::regex_replace(name, std::regex("-"), "\\-") + "\\fR", manSection), manEnd)
            << path << " " << name;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 60u);  // run alone has more than 30
}

// Completes `line` (the cursor at its end) with the generated bash function.
std::vector<std::string> bashComplete(const std::string& line) {
  const std::string script = "source '" + kBash.string() + "'; COMP_LINE='" + line + "'; read -ra COMP_WORDS <<< \"$COMP_LINE\"; " +
                             (line.back() == ' ' ? "COMP_WORDS+=(''); " : "") +
                             "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _gpc_assure; printf '%s\\n' \"${COMPREPLY[@]}\"";
  const auto r = runProcess({"/bin/bash", "--norc", "-c", script});
  std::vector<std::string> words;
  std::string word;
  for (const char c : r.out) {
    if (c == '\n') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

TEST(CliDocs, BashCompletesCommandsOptionsAndValues) {
  ASSERT_EQ(runProcess({"/bin/bash", "-n", kBash.string()}).exitCode, 0);
  EXPECT_EQ(bashComplete("gpc-assure ru"), std::vector<std::string>{"run"});
  EXPECT_EQ(bashComplete("gpc-assure run --keep"), std::vector<std::string>{"--keep-going"});
  EXPECT_EQ(bashComplete("gpc-assure run --evidence "), (std::vector<std::string>{"all", "failed"}));
  EXPECT_EQ(bashComplete("gpc-assure target "), (std::vector<std::string>{"check", "init"}));
  EXPECT_EQ(bashComplete("gpc-assure target check --no"), std::vector<std::string>{"--no-probe"});
  EXPECT_EQ(bashComplete("gpc-assure list --format "), (std::vector<std::string>{"text", "json"}));
  EXPECT_TRUE(bashComplete("gpc-assure run --jobs ").empty());  // a number: nothing to offer
  // A flag takes no value, so the word after it is the next option or nothing (never files).
  EXPECT_TRUE(bashComplete("gpc-assure run --keep-going ").empty());
  EXPECT_EQ(slurp(kMan).find("\\fB\\-\\-keep\\-going\\fR \\fI"), std::string::npos);
}

TEST(CliDocs, GroffRendersTheManPageWithoutWarnings) {
  if (!onPath("groff")) GTEST_SKIP() << "groff is not installed";
  const auto r = runProcess({"/bin/sh", "-c", "groff -man -Tutf8 -ww -z '" + kMan.string() + "'"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

TEST(CliDocs, ZshParsesTheCompletionFile) {
  if (!onPath("zsh")) GTEST_SKIP() << "zsh is not installed (the file's content is checked by the tests above)";
  const auto r = runProcess({"/bin/sh", "-c", "zsh -n '" + kZsh.string() + "'"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
}

}  // namespace
}  // namespace gpc::testing
