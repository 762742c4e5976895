#include "runner/cli/shell_completion.h"

namespace gpc::cli {
namespace {

std::string joined(const std::vector<std::string>& words, const char* separator = " ") {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

std::vector<std::string> subcommandNames(const CommandSpec& command) {
  std::vector<std::string> names;
  for (const auto& sub : command.subcommands) names.push_back(sub.path.back());
  return names;
}

bool hasPositional(const CommandSpec& command) {
  for (const auto& option : command.options)
    if (!option.positional.empty()) return true;
  return false;
}

// A description fit for a zsh _arguments spec: no quotes, brackets or colons, first sentence.
std::string zshText(std::string text) {
  if (const auto stop = text.find(". "); stop != std::string::npos) text.resize(stop);
  if (const auto paren = text.find(" ("); paren != std::string::npos) text.resize(paren);
  for (char& c : text)
    if (c == '\'' || c == '[' || c == ']' || c == ':' || c == '`' || c == '\\' || c == '"') c = ' ';
  return text;
}

const char* const kHeader =
    "# Generated from gpc-assure's own option definitions (runner/cli/shell_completion.cpp) when it is\n"
    "# built; do not edit: change the options and rebuild.\n";

}  // namespace

std::string bashCompletion(const CommandSpec& root) {
  const auto commands = allCommands(root);
  std::string paths;  // every command path, as "|run|target check|"
  for (const auto* c : commands)
    if (!c->path.empty()) paths += joined(c->path) + "|";
  std::string s = std::string("# bash completion for gpc-assure\n") + kHeader + R"(
_gpc_assure() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  local cmd="" i next
  local paths="|)" + paths + R"("
  # The command path so far: the words before the cursor that extend a known command.
  for ((i = 1; i < COMP_CWORD; i++)); do
    next="${cmd:+$cmd }${COMP_WORDS[i]}"
    [[ "$paths" == *"|$next|"* ]] && cmd="$next"
  done
  local opts="" subs="" positional=""
  case "$cmd" in
)";
  for (const auto* c : commands) {
    std::vector<std::string> names;
    for (const auto& o : c->options)
      for (const auto& n : o.names) names.push_back(n);
    s += "    \"" + joined(c->path) + "\") opts=\"" + joined(names) + "\"; subs=\"" + joined(subcommandNames(*c)) +
         "\"; positional=" + (hasPositional(*c) ? "1" : "") + " ;;\n";
  }
  s += "  esac\n  case \"$cmd $prev\" in\n";
  for (const auto* c : commands) {
    for (const auto& o : c->options) {
      if (!o.takesValue || o.names.empty()) continue;
      std::vector<std::string> arms;
      for (const auto& n : o.names) arms.push_back("\"" + joined(c->path) + " " + n + "\"");
      std::string action = "COMPREPLY=($(compgen -f -- \"$cur\"))";
      if (!o.choices.empty()) action = "COMPREPLY=($(compgen -W \"" + joined(o.choices) + "\" -- \"$cur\"))";
      if (o.choices.empty() && o.numeric) action = "COMPREPLY=()";
      s += "    " + joined(arms, "|") + ") " + action + "; return ;;\n";
    }
  }
  s += R"(  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [[ -n "$subs" ]]; then
    COMPREPLY=($(compgen -W "$subs" -- "$cur"))
  elif [[ -n "$positional" ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _gpc_assure gpc-assure
)";
  return s;
}

std::string zshCompletion(const CommandSpec& root) {
  const auto commands = allCommands(root);
  std::string paths;
  for (const auto* c : commands)
    if (!c->path.empty()) paths += joined(c->path) + "|";
  std::string s = std::string("#compdef gpc-assure\n# zsh completion for gpc-assure\n") + kHeader + R"(
_gpc-assure() {
  local cmd="" next i depth=0
  local paths="|)" + paths + R"("
  # The command path so far; _arguments then sees the words after it only.
  for ((i = 2; i < CURRENT; i++)); do
    next="${cmd:+$cmd }${words[i]}"
    if [[ "$paths" == *"|$next|"* ]]; then cmd="$next"; depth=$((i - 1)); fi
  done
  (( depth > 0 )) && { words=("${(@)words[depth+1,-1]}"); (( CURRENT -= depth )); }
  case "$cmd" in
)";
  for (const auto* c : commands) {
    s += "    \"" + joined(c->path) + "\")\n      _arguments -s";
    for (const auto& o : c->options) {
      if (o.names.empty()) continue;
      const std::string action =
          !o.takesValue ? "" : !o.choices.empty() ? ":value:(" + joined(o.choices) + ")" : o.numeric ? ":number: " : ":file:_files";
      for (const auto& n : o.names)
        s += " \\\n        '" + std::string(o.repeatable ? "*" : "") + n + "[" + zshText(o.description) + "]" + action + "'";
    }
    if (!c->subcommands.empty()) {
      std::string described;
      // zsh's ((value\:"description" ...)) form: each subcommand with what it does.
      for (const auto& sub : c->subcommands)
        described += " " + sub.path.back() + "\\:\"" + zshText(sub.description) + "\"";
      s += " \\\n        '1:command:((" + described.substr(1) + "))'";
    } else if (hasPositional(*c)) {
      s += " \\\n        '*:file:_files'";
    }
    s += " ;;\n";
  }
  s += "  esac\n}\n\n_gpc-assure \"$@\"\n";
  return s;
}

}  // namespace gpc::cli
