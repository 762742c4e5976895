#include "runner/cli/man_page.h"

namespace gpc::cli {
namespace {

// Text safe in a roff line: backslashes and hyphens escaped, no control character at the start.
std::string roff(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::string optionLine(const OptionSpec& o) {
  std::string line;
  if (!o.positional.empty()) return "\\fI" + roff(o.positional) + "\\fR";
  for (const auto& name : o.names) line += (line.empty() ? "" : ", ") + ("\\fB" + roff(name) + "\\fR");
  if (o.takesValue) {
    std::string value;
    for (const auto& c : o.choices) value += (value.empty() ? "" : "|") + roff(c);
    if (value.empty()) value = o.numeric ? "N" : "VALUE";
    line += " \\fI" + value + "\\fR";
  }
  if (o.repeatable) line += " ...";
  return line;
}

std::string commandName(const CommandSpec& c) {
  std::string name = "gpc-assure";
  for (const auto& p : c.path) name += " " + p;
  return name;
}

}  // namespace

std::string manPage(const CommandSpec& root, const std::string& version) {
  std::string s;
  s += ".\\\" Generated from gpc-assure's own option definitions (runner/cli/man_page.cpp); do not edit.\n";
  s += ".TH GPC\\-ASSURE 1 \"\" \"gpc\\-assure " + roff(version) + "\" \"User Commands\"\n";
  s += ".SH NAME\ngpc\\-assure \\- conformance and assurance harness for GP Connect provider APIs\n";
  s += ".SH SYNOPSIS\n.B gpc\\-assure\n.I command\n.RI [ options ]\n";
  s += ".SH DESCRIPTION\n"
       "Runs data\\-driven conformance suites against a GP Connect provider (by default the embedded reference "
       "provider) and writes JUnit, JSON and HTML reports with the request and response behind every verdict. "
       "Every command takes \\fB\\-\\-help\\fR.\n";
  s += ".SH COMMANDS\n";
  for (const auto* c : allCommands(root)) {
    if (c->path.empty()) continue;
    s += ".SS \"" + roff(commandName(*c)) + "\"\n" + roff(c->description) + "\n";
    for (const auto& o : c->options) {
      if (o.names.size() == 1 && o.names[0] == "--help") continue;
      s += ".TP\n" + optionLine(o) + "\n" + roff(o.description) + "\n";
    }
  }
  s += ".SH ENVIRONMENT\n";
  for (const auto* c : allCommands(root))
    for (const auto& o : c->options)
      if (!o.envVar.empty())
        s += ".TP\n.B " + roff(o.envVar) + "\n" + roff(commandName(*c)) + " " + roff(o.names.front()) +
             " when the option is not given.\n";
  s += ".TP\n.B NO_COLOR\nNo colour on the console, as \\fB\\-\\-no\\-color\\fR.\n";
  s += ".TP\n.B GPC_ASSURE_HOME\nA directory holding suites/, fixtures/ and profiles/.\n";
  s += ".SH EXIT STATUS\n"
       ".TP\n.B 0\nEvery selected case passed (cases skipped with a reason do not fail a run).\n"
       ".TP\n.B 1\nA case failed or errored; for \\fBtarget check\\fR, an endpoint did not answer its metadata read.\n"
       ".TP\n.B 2\nUsage, data, target\\-file or suite error, no case selected, an unreadable TLS file, a provider "
       "that cannot be reached (unless \\fB\\-\\-keep\\-going\\fR), or a report that could not be written.\n"
       ".TP\n.B 130, 143\nThe run was interrupted by SIGINT or SIGTERM; the reports were written for the cases that "
       "ran.\n";
  s += ".SH SEE ALSO\nThe full reference is docs/cli.md in the source tree; target files: docs/target-file.md.\n";
  return s;
}

}  // namespace gpc::cli
