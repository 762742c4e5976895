#include "runner/suite/suite_loader.h"

#include <regex>
#include <algorithm>
#include <map>
#include <set>

#include "runner/core/json_input.h"
#include "runner/request/generated.h"
#include "runner/suite/fresh_values.h"
#include "runner/suite/step_validation.h"
#include "runner/suite/target_requirements.h"
#include "runner/suite/template.h"
#include "runner/suite/variable_names.h"

namespace gpc {

namespace ji = json_input;
using ji::Kind;

namespace {

using Row = std::map<std::string, nlohmann::json>;

// Defaults under the case: objects merge key by key, anything else (arrays too) is replaced.
nlohmann::json merge(const nlohmann::json& base, const nlohmann::json& over) {
  if (!base.is_object() || !over.is_object()) return over;
  nlohmann::json out = base;
  for (const auto& [k, v] : over.items()) out[k] = out.contains(k) ? merge(out[k], v) : v;
  return out;
}

std::vector<std::string> strings(const nlohmann::json& owner, std::string_view key, const std::string& file,
                                 const std::string& ptr) {
  std::vector<std::string> out;
  if (const auto* list = ji::optional(owner, key, Kind::Array, file, ptr)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      ji::expect((*list)[i], Kind::String, file, ji::child(ji::child(ptr, key), i));
      out.push_back((*list)[i].get<std::string>());
    }
  }
  return out;
}

std::vector<Row> exampleRows(const nlohmann::json& examples, const std::string& file, const std::string& ptr) {
  std::vector<Row> rows;
  if (examples.is_object()) {
    std::size_t length = 0;
    bool first = true;
    for (const auto& [column, values] : examples.items()) {
      const auto cp = ji::child(ptr, column);
      ji::expect(values, Kind::Array, file, cp);
      if (!first && values.size() != length)
        throw LoadError(file, cp, "column has " + std::to_string(values.size()) + " values, the others have " +
                                      std::to_string(length));
      length = values.size();
      first = false;
    }
    rows.resize(length);
    for (const auto& [column, values] : examples.items())
      for (std::size_t i = 0; i < values.size(); ++i) rows[i][column] = values[i];
  } else if (examples.is_array()) {
    for (std::size_t i = 0; i < examples.size(); ++i) {
      const auto rp = ji::child(ptr, i);
      ji::expect(examples[i], Kind::Object, file, rp);
      Row row;
      for (const auto& [column, value] : examples[i].items()) row[column] = value;
      if (!rows.empty() && (row.size() != rows.front().size() ||
                            !std::equal(row.begin(), row.end(), rows.front().begin(),
                                        [](const auto& a, const auto& b) { return a.first == b.first; })))
        throw LoadError(file, rp, "every example row needs the same columns as the first");
      rows.push_back(std::move(row));
    }
  } else {
    throw LoadError(file, ptr, "expected an object of equal-length columns or a list of row objects, got " +
                                   ji::describeType(examples));
  }
  if (rows.empty()) throw LoadError(file, ptr, "examples must have at least one row");
  return rows;
}

struct SuiteContext {
  std::string file;
  std::string suiteId, title, capability, spec, interaction;
  std::vector<std::string> tags;
  std::vector<std::string> requiredVariables;  // suite-level "requires"
  std::map<std::string, nlohmann::json> variables;
  nlohmann::json defaultRequest = nlohmann::json::object(), defaultExpect = nlohmann::json::object();
  const InteractionTable* interactions = nullptr;
  std::vector<std::string> endpointGroups;  // endpointGroups(*interactions), worked out once per file
  std::map<std::string, FreshProbe> freshProbes;  // the "generated" section, by kind
};

const Interaction& resolveInteraction(const std::string& name, const SuiteContext& s, const std::string& ptr) {
  auto it = s.interactions->find(name);
  if (it != s.interactions->end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [n, _] : *s.interactions) names.push_back(n);
  std::string reason = "unknown interaction \"" + name + "\"";
  if (auto hint = ji::closest(name, names); !hint.empty()) reason += " (did you mean \"" + hint + "\"?)";
  throw LoadError(s.file, ptr, reason);
}

// Every {name} must be something the run can resolve; the target's contents are checked at run time.
void checkVariables(const nlohmann::json& value, const std::string& ptr, const SuiteContext& s,
                    const std::set<std::string>& captured) {
  auto checkText = [&](const std::string& text, const std::string& where) {
    for (const auto& name : referencedNames(text)) {
      if (name.rfind("capture.", 0) == 0) {
        if (!captured.count(name.substr(8)))
          throw LoadError(s.file, where, "unknown variable {" + name + "}: no earlier step captures \"" + name.substr(8) + "\"");
        continue;
      }
      if (s.variables.count(name) || isBuiltinVariable(name) || isTargetVariable(name)) continue;
      throw LoadError(s.file, where, "unknown variable {" + name + "}");
    }
  };
  if (value.is_string()) {
    checkText(value.get<std::string>(), ptr);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) checkVariables(value[i], ji::child(ptr, i), s, captured);
  } else if (value.is_object()) {
    for (const auto& [k, v] : value.items()) {
      checkText(k, ji::child(ptr, k));
      checkVariables(v, ji::child(ptr, k), s, captured);
    }
  }
}

std::vector<Capture> parseCaptures(const nlohmann::json& capture, const std::string& file, const std::string& ptr) {
  std::vector<Capture> out;
  ji::expect(capture, Kind::Object, file, ptr);
  for (const auto& [name, how] : capture.items()) {
    const auto cp = ji::child(ptr, name);
    Capture c{name, "", ""};
    if (how.is_string()) {
      c.pointer = how.get<std::string>();
      try {
        nlohmann::json::json_pointer jp(c.pointer);
      } catch (const nlohmann::json::exception&) {
        throw LoadError(file, cp, "invalid JSON pointer \"" + c.pointer + "\"");
      }
    } else if (how.is_object()) {
      ji::checkKeys(how, file, cp, {"fhirpath"});
      c.fhirpath = ji::required(how, "fhirpath", Kind::String, file, cp).get<std::string>();
    } else {
      throw LoadError(file, cp, "expected a JSON pointer or {\"fhirpath\": \"expression\"}, got " + ji::describeType(how));
    }
    out.push_back(std::move(c));
  }
  return out;
}

Step buildStep(const nlohmann::json& source, const std::string& name, const std::string& caseInteraction,
               const std::string& caseInteractionPtr, const std::string& ptr, const SuiteContext& s,
               std::set<std::string>& captured) {
  Step step;
  step.name = name;
  step.pointer = ptr;
  std::string interaction = s.interaction;
  std::string interactionPtr = "/interaction";
  if (!caseInteraction.empty()) {
    interaction = caseInteraction;
    interactionPtr = caseInteractionPtr;
  }
  if (const auto* own = ji::optional(source, "interaction", Kind::String, s.file, ptr)) {
    interaction = own->get<std::string>();
    interactionPtr = ji::child(ptr, "interaction");
  }
  if (interaction.empty())
    throw LoadError(s.file, ptr, "no interaction: give \"interaction\" on the step, the case or the suite");
  step.interaction = resolveInteraction(interaction, s, interactionPtr);

  step.request = merge(s.defaultRequest, source.value("request", nlohmann::json::object()));
  step.expect = merge(s.defaultExpect, source.value("expect", nlohmann::json::object()));
  validateRequest(step.request, s.file, ji::child(ptr, "request"), s.endpointGroups);
  validateExpect(step.expect, s.file, ji::child(ptr, "expect"));
  checkVariables(step.request, ji::child(ptr, "request"), s, captured);
  checkVariables(step.expect, ji::child(ptr, "expect"), s, captured);
  step.expectIsTemplate = mayNeedSubstitution(step.expect);
  if (!step.request.contains("path") && !step.request.contains("url")) {
    // Placeholders of the interaction's path not given in path_params must be variables.
    const auto params = step.request.value("path_params", nlohmann::json::object());
    for (const auto& p : referencedNames(step.interaction.path))
      if (!params.contains(p)) {
        try {
          checkVariables("{" + p + "}", ji::child(ptr, "request"), s, captured);
        } catch (const LoadError&) {
          throw LoadError(s.file, ji::child(ptr, "request"),
                          "interaction \"" + interaction + "\" path " + step.interaction.path + " needs {" + p +
                              "}: give request.path_params." + p);
        }
      }
  }
  if (source.contains("capture")) {
    step.captures = parseCaptures(source["capture"], s.file, ji::child(ptr, "capture"));
    // Capture expressions take {variables} (substituted when the step runs); earlier steps' captures only.
    checkVariables(source["capture"], ji::child(ptr, "capture"), s, captured);
    for (const auto& c : step.captures) captured.insert(c.variable);
  }
  // A step that checks nothing would pass whatever the provider did.
  if (step.expect.empty() && step.captures.empty())
    throw LoadError(s.file, ptr, "a step needs at least one expectation (\"expect\") or \"capture\"");
  return step;
}

// %name and %`name` references in the case's FHIRPath-bearing text, read once at load.
std::set<std::string> fhirPathEnvironment(const Case& c) {
  std::string text;
  for (const auto& step : c.steps) {
    text += step.expect.dump();
    for (const auto& cap : step.captures) text += cap.fhirpath;
  }
  for (const auto& [name, value] : c.variables) text += value.dump();
  static const std::regex reference(R"(%`?([A-Za-z_][A-Za-z0-9_]*))");
  std::set<std::string> names;
  for (std::sregex_iterator it(text.begin(), text.end(), reference), end; it != end; ++it) names.insert((*it)[1]);
  return names;
}

// "requires" (suite or case): target variable paths, each under a target section.
std::vector<std::string> requiredNames(const nlohmann::json& owner, const std::string& file, const std::string& ptr) {
  auto names = strings(owner, "requires", file, ptr);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (!isTargetVariable(names[i]) || names[i].find('.') == std::string::npos || referencedNames("{" + names[i] + "}").empty())
      throw LoadError(file, ji::child(ji::child(ptr, "requires"), i),
                      "\"" + names[i] + "\" is not a target variable path (patients.NAME, organisations.NAME, ...)");
  return names;
}

// A requirement the case never uses would only skip it for nothing (a typo, or a leftover).
void addRequirements(Case& c, const std::vector<std::string>& names, const std::string& file, const std::string& ptr) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!caseUsesVariable(c, names[i]))
      throw LoadError(file, ji::child(ptr, i),
                      "case " + c.info.id + " requires " + names[i] + " but never uses it ({" + names[i] + "...} or %" +
                          names[i] + ")");
    if (std::find(c.requiredVariables.begin(), c.requiredVariables.end(), names[i]) == c.requiredVariables.end())
      c.requiredVariables.push_back(names[i]);
  }
}

// `row`: the example row the case was expanded from (its columns become case variables, so that
// body fixtures, read only at run time, see them too).
Case buildCase(const nlohmann::json& c, const std::string& ptr, const SuiteContext& s, const Row& row = {}) {
  ji::checkKeys(c, s.file, ptr,
                {"id", "title", "requirement", "official", "note", "tags", "interaction", "request", "expect", "steps", "skip",
                 "requires"});
  Case out;
  out.pointer = ptr;
  out.info.id = ji::required(c, "id", Kind::String, s.file, ptr).get<std::string>();
  if (out.info.id.empty() || out.info.id.find_first_of("{} \t\n") != std::string::npos)
    throw LoadError(s.file, ji::child(ptr, "id"),
                    "\"" + out.info.id + "\" is not a usable case id (non-empty, no spaces, no unfilled {column})");
  out.info.title = ji::required(c, "title", Kind::String, s.file, ptr).get<std::string>();
  out.info.requirement = ji::required(c, "requirement", Kind::String, s.file, ptr).get<std::string>();
  out.info.official = strings(c, "official", s.file, ptr);
  out.info.note = ji::optionalString(c, "note", s.file, ptr);
  out.info.suiteId = s.suiteId;
  out.info.suiteFile = s.file;
  out.info.capability = s.capability;
  out.info.specVersion = s.spec;
  out.info.tags = s.tags;
  for (auto& t : strings(c, "tags", s.file, ptr))
    if (std::find(out.info.tags.begin(), out.info.tags.end(), t) == out.info.tags.end()) out.info.tags.push_back(t);
  out.skip = ji::optionalString(c, "skip", s.file, ptr);
  out.variables = s.variables;
  for (const auto& [column, value] : row) out.variables[column] = value;

  const std::string caseInteraction = ji::optionalString(c, "interaction", s.file, ptr);
  const std::string caseInteractionPtr = ji::child(ptr, "interaction");
  std::set<std::string> captured;
  if (const auto* steps = ji::optional(c, "steps", Kind::Array, s.file, ptr)) {
    if (c.contains("request") || c.contains("expect"))
      throw LoadError(s.file, ptr, "a case has either \"steps\" or \"request\"/\"expect\", not both");
    if (steps->empty()) throw LoadError(s.file, ji::child(ptr, "steps"), "expected at least one step");
    std::set<std::string> names;
    for (std::size_t i = 0; i < steps->size(); ++i) {
      const auto sp = ji::child(ji::child(ptr, "steps"), i);
      const auto& st = (*steps)[i];
      ji::expect(st, Kind::Object, s.file, sp);
      ji::checkKeys(st, s.file, sp, {"name", "interaction", "request", "expect", "capture"});
      auto name = ji::required(st, "name", Kind::String, s.file, sp).get<std::string>();
      if (!names.insert(name).second) throw LoadError(s.file, ji::child(sp, "name"), "duplicate step name \"" + name + "\"");
      out.steps.push_back(buildStep(st, name, caseInteraction, caseInteractionPtr, sp, s, captured));
    }
  } else {
    if (!c.contains("request") && !c.contains("expect"))
      throw LoadError(s.file, ptr, "a case needs \"request\"/\"expect\" or \"steps\"");
    out.steps.push_back(buildStep(c, "main", caseInteraction, caseInteractionPtr, ptr, s, captured));
  }
  addRequirements(out, s.requiredVariables, s.file, "/requires");
  addRequirements(out, requiredNames(c, s.file, ptr), s.file, ji::child(ptr, "requires"));
  attachFreshValues(out, s.freshProbes);
  out.fhirPathEnvironment = fhirPathEnvironment(out);
  return out;
}

// "generated": {"nhs_number": {"unused_at_provider": {interaction, request, expect, held_when}}}.
// The probe is a step of its own: the suite's defaults (written for the suite's interaction) do
// not apply, and its request may use {candidate}, the value being tried.
std::map<std::string, FreshProbe> parseFreshProbes(const nlohmann::json& section, const SuiteContext& suite) {
  const std::string ptr = "/generated";
  ji::expect(section, Kind::Object, suite.file, ptr);
  SuiteContext probeContext = suite;
  probeContext.defaultRequest = probeContext.defaultExpect = nlohmann::json::object();
  probeContext.variables["candidate"] = "";
  std::map<std::string, FreshProbe> probes;
  for (const auto& [kind, how] : section.items()) {
    const auto kp = ji::child(ptr, kind);
    if (!isGeneratedKind(kind)) throw LoadError(suite.file, kp, "unknown generated-value kind \"" + kind + "\" (known: nhs_number)");
    ji::expect(how, Kind::Object, suite.file, kp);
    ji::checkKeys(how, suite.file, kp, {"unused_at_provider"});
    const auto up = ji::child(kp, "unused_at_provider");
    const auto& probe = ji::required(how, "unused_at_provider", Kind::Object, suite.file, kp);
    ji::checkKeys(probe, suite.file, up, {"interaction", "request", "expect", "held_when"});
    ji::required(probe, "interaction", Kind::String, suite.file, up);
    const auto& heldWhen = ji::required(probe, "held_when", Kind::Object, suite.file, up);
    if (heldWhen.empty()) throw LoadError(suite.file, ji::child(up, "held_when"), "expected at least one expectation");
    validateExpect(heldWhen, suite.file, ji::child(up, "held_when"));
    std::set<std::string> noCaptures;
    checkVariables(heldWhen, ji::child(up, "held_when"), probeContext, noCaptures);
    const std::string request = ji::child(up, "request");
    const auto named = probe.contains("request") ? referencedNames(probe["request"].dump()) : std::vector<std::string>{};
    if (std::find(named.begin(), named.end(), "candidate") == named.end())
      throw LoadError(suite.file, probe.contains("request") ? request : up,
                      "the probe's request must name the value it asks about as {candidate}");
    probes[kind] = FreshProbe{buildStep(probe, "unused " + kind, "", "", up, probeContext, noCaptures), heldWhen};
  }
  return probes;
}

}  // namespace

namespace {

std::vector<Case> parseSuiteDocument(const std::string& text, const std::string& file, const InteractionTable& interactions) {
  auto doc = ji::parse(text, file);
  ji::expect(doc, Kind::Object, file, "");
  ji::checkKeys(doc, file, "", {"suite", "title", "capability", "spec", "interaction", "tags", "requires", "variables", "defaults",
                                   "generated", "cases"});
  SuiteContext s;
  s.file = file;
  s.interactions = &interactions;
  s.endpointGroups = endpointGroups(interactions);
  s.suiteId = ji::required(doc, "suite", Kind::String, file, "").get<std::string>();
  s.title = ji::optionalString(doc, "title", file, "");
  s.capability = ji::required(doc, "capability", Kind::String, file, "").get<std::string>();
  s.spec = ji::required(doc, "spec", Kind::String, file, "").get<std::string>();
  s.interaction = ji::optionalString(doc, "interaction", file, "");
  if (!s.interaction.empty()) resolveInteraction(s.interaction, s, "/interaction");
  s.tags = strings(doc, "tags", file, "");
  s.requiredVariables = requiredNames(doc, file, "");
  if (const auto* vars = ji::optional(doc, "variables", Kind::Object, file, ""))
    for (const auto& [k, v] : vars->items()) s.variables[k] = v;
  if (const auto* defaults = ji::optional(doc, "defaults", Kind::Object, file, "")) {
    ji::checkKeys(*defaults, file, "/defaults", {"request", "expect"});
    if (const auto* r = ji::optional(*defaults, "request", Kind::Object, file, "/defaults")) s.defaultRequest = *r;
    if (const auto* x = ji::optional(*defaults, "expect", Kind::Object, file, "/defaults")) s.defaultExpect = *x;
  }
  if (doc.contains("generated")) s.freshProbes = parseFreshProbes(doc["generated"], s);
  const auto& cases = ji::required(doc, "cases", Kind::Array, file, "");
  if (cases.empty()) throw LoadError(file, "/cases", "expected at least one case");

  std::vector<Case> out;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto ptr = ji::child("/cases", i);
    ji::expect(cases[i], Kind::Object, file, ptr);
    if (!cases[i].contains("examples")) {
      out.push_back(buildCase(cases[i], ptr, s));
      continue;
    }
    auto rows = exampleRows(cases[i]["examples"], file, ji::child(ptr, "examples"));
    auto outline = cases[i];
    outline.erase("examples");
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const auto& row = rows[r];
      VariableLookup lookup = [&row](const std::string& name) -> std::optional<nlohmann::json> {
        auto it = row.find(name);
        return it == row.end() ? std::nullopt : std::optional<nlohmann::json>(it->second);
      };
      try {
        out.push_back(buildCase(substituteJson(outline, lookup, Unknown::Keep), ptr, s, row));
      } catch (const LoadError& e) {
        throw LoadError(e.file(), e.pointer(), e.reason() + " (examples row " + std::to_string(r + 1) + ")");
      }
    }
  }
  return out;
}

}  // namespace

std::vector<Case> parseSuite(const std::string& text, const std::string& displayName, const InteractionTable& interactions) {
  return ji::namingFile(displayName, [&] { return parseSuiteDocument(text, displayName, interactions); });
}

std::vector<Case> loadSuiteFile(const std::filesystem::path& file, const std::string& displayName,
                                const InteractionTable& interactions) {
  return parseSuite(ji::readFile(file.string(), displayName), displayName, interactions);
}

void checkUniqueIds(const std::vector<Case>& cases) {
  std::map<std::string, const Case*> seen;
  for (const auto& c : cases) {
    auto [it, fresh] = seen.emplace(c.info.id, &c);
    if (!fresh)
      throw LoadError(c.info.suiteFile, ji::child(c.pointer, "id"),
                      "duplicate case id \"" + c.info.id + "\" (also " + it->second->info.suiteFile + ": " +
                          it->second->pointer + ")");
  }
}

void checkFixtures(const std::vector<Case>& cases, const std::filesystem::path& fixturesRoot) {
  for (const auto& c : cases)
    for (const auto& step : c.steps) {
      const auto& body = step.request.value("body", nlohmann::json::object());
      if (!body.contains("fixture")) continue;
      const auto name = body["fixture"].get<std::string>();
      if (!referencedNames(name).empty()) continue;  // named by a variable: checked when it runs
      if (!std::filesystem::is_regular_file(fixturesRoot / name))
        throw LoadError(c.info.suiteFile, step.pointer + "/request/body/fixture",
                        "body fixture not found: " + (fixturesRoot / name).lexically_normal().string());
    }
}

bool isSuiteFileName(const std::filesystem::path& relative) {
  const auto name = relative.filename().string();
  const auto ends = [&name](std::string_view tail) {
    return name.size() >= tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (!ends(".json") || relative == "interactions.json") return false;
  // Reserved for data about suites (not-applicable reasons, coverage notes), never suites themselves.
  if (ends(".reasons.json") || ends(".meta.json")) return false;
  return relative.begin() == relative.end() || *relative.begin() != "meta";
}

SuiteSet loadSuites(const std::filesystem::path& suitesRoot) {
  namespace fs = std::filesystem;
  const auto label = suitesRoot.filename().empty() ? suitesRoot.parent_path().filename() : suitesRoot.filename();
  if (!fs::is_directory(suitesRoot)) throw LoadError(suitesRoot.string(), "", "not a directory of suites");
  SuiteSet set;
  set.interactions = loadInteractions(suitesRoot / "interactions.json");
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(suitesRoot))
    if (entry.is_regular_file() && isSuiteFileName(fs::relative(entry.path(), suitesRoot))) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::map<std::string, std::string> suiteIds;
  for (const auto& f : files) {
    const auto display = (label / fs::relative(f, suitesRoot)).generic_string();
    auto cases = loadSuiteFile(f, display, set.interactions);
    const auto& id = cases.front().info.suiteId;
    if (auto [it, fresh] = suiteIds.emplace(id, display); !fresh)
      throw LoadError(display, "/suite", "duplicate suite id \"" + id + "\" (also " + it->second + ")");
    for (auto& c : cases) set.cases.push_back(std::move(c));
  }
  checkUniqueIds(set.cases);
  checkFixtures(set.cases, suitesRoot.parent_path() / "fixtures");
  return set;
}

}  // namespace gpc
