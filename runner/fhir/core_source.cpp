#include "runner/fhir/core_source.h"

#include <map>
#include <sstream>
#include <stdexcept>

#include "runner/fhir/navigation.h"

namespace gpc::fhir {
namespace {

const std::string kBase = "http://hl7.org/fhir/StructureDefinition/";

struct Line {
  int number = 0;
  int indent = 0;
  std::vector<std::string> words;
  std::string rest;  // the text after the first word, for constraints
};

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (c == sep) {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

class Reader {
 public:
  Reader(const std::string& source, std::string fhirVersion) : source_(source), fhirVersion_(std::move(fhirVersion)) {}

  RawDefinitions read(std::string_view text) {
    lines_ = tokenize(text);
    for (pos_ = 0; pos_ < lines_.size();) {
      const Line& line = lines_[pos_];
      const std::string& head = line.words.front();
      if (line.indent != 0) fail(line, "indented line outside a type");
      if (head == "constraint") readConstraint(line), ++pos_;
      else if (head == "valueset") readValueSet(line), ++pos_;
      else if (head == "primitive") readPrimitives(line), ++pos_;
      else if (head == "type" || head == "resource") readType(line);
      else fail(line, "unknown keyword '" + head + "'");
    }
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(const Line& line, const std::string& why) const {
    throw std::runtime_error(source_ + ":" + std::to_string(line.number) + ": " + why);
  }

  static std::vector<Line> tokenize(std::string_view text) {
    std::vector<Line> lines;
    std::istringstream in{std::string(text)};
    std::string raw;
    for (int number = 1; std::getline(in, raw); ++number) {
      if (!raw.empty() && raw.back() == '\r') raw.pop_back();
      const auto first = raw.find_first_not_of(' ');
      if (first == std::string::npos || raw[first] == '#') continue;
      Line line{number, static_cast<int>(first), split(raw.substr(first), ' '), {}};
      const auto space = raw.find(' ', first);
      if (space != std::string::npos) line.rest = raw.substr(space + 1);
      lines.push_back(std::move(line));
    }
    return lines;
  }

  void readConstraint(const Line& line) {
    // constraint KEY SEVERITY EXPRESSION || HUMAN
    const auto bar = line.rest.find(" || ");
    if (line.words.size() < 4 || bar == std::string::npos) fail(line, "expected: constraint KEY SEVERITY EXPRESSION || TEXT");
    const std::string& key = line.words[1];
    const std::string& severity = line.words[2];
    const auto exprStart = key.size() + 1 + severity.size() + 1;
    constraints_[key] = {key, severity, line.rest.substr(bar + 4), line.rest.substr(exprStart, bar - exprStart)};
  }

  void readValueSet(const Line& line) {
    if (line.words.size() < 4) fail(line, "expected: valueset URL SYSTEM CODE...");
    RawValueSet vs;
    vs.url = line.words[1];
    vs.source = source_;
    vs.includes.push_back({line.words[2], {line.words.begin() + 3, line.words.end()}, false, {}});
    out_.codeSystems.push_back({line.words[2], source_, {line.words.begin() + 3, line.words.end()}});
    out_.valueSets.push_back(std::move(vs));
  }

  RawProfile newProfile(const std::string& name, const std::string& kind, const std::string& base) const {
    RawProfile p;
    p.url = kBase + name;
    p.version = fhirVersion_;
    p.name = name;
    p.type = name;
    p.kind = kind;
    p.baseDefinition = base.empty() ? "" : kBase + base;
    p.derivation = "specialization";
    p.fhirVersion = fhirVersion_;
    p.source = source_;
    return p;
  }

  ElementDef element(const std::string& path, int min, int max, std::vector<std::string> types) const {
    ElementDef e;
    e.id = e.path = path;
    e.min = min;
    e.max = e.baseMax = max;
    for (auto& t : types) e.types.push_back({std::move(t), {}, {}});
    return e;
  }

  // Extensions are sliced by url, as in the official snapshots.
  static void sliceByUrl(ElementDef& e) {
    e.sliced = true;
    e.slicingRules = "open";
    e.discriminators = {{"value", "url"}};
  }

  void addConstraintKeys(RawProfile& p, ElementDef& e, const std::vector<std::string>& keys, const Line& line) const {
    for (const auto& key : keys) {
      auto it = constraints_.find(key);
      if (it == constraints_.end()) fail(line, "unknown constraint '" + key + "'");
      p.constraints[key] = it->second;
      e.constraintKeys.push_back(key);
    }
  }

  void readPrimitives(const Line& line) {
    for (std::size_t i = 1; i < line.words.size(); ++i) {
      const std::string& name = line.words[i];
      if (!isPrimitiveType(name)) fail(line, "'" + name + "' is not a primitive type the validator knows");
      RawProfile p = newProfile(name, "primitive-type", "Element");
      const bool xhtml = name == "xhtml";  // no extensions and always a value
      ElementDef root = element(name, 0, kUnbounded, {});
      if (!xhtml) addConstraintKeys(p, root, {"ele-1"}, line);
      p.elements.push_back(std::move(root));
      p.elements.push_back(element(name + ".id", 0, 1, {"id"}));
      ElementDef ext = element(name + ".extension", 0, xhtml ? 0 : kUnbounded, {"Extension"});
      ext.baseMax = kUnbounded;
      p.elements.push_back(std::move(ext));
      p.elements.push_back(element(name + ".value", xhtml ? 1 : 0, 1, {}));
      out_.profiles.push_back(std::move(p));
    }
  }

  static std::vector<std::string> keysOf(const std::string& word) {
    return split(std::string_view(word).substr(1, word.size() - 2), ',');
  }

  void readType(const Line& header) {
    // type|resource NAME [abstract] [: BASE] [{KEYS}]
    const bool resource = header.words[0] == "resource";
    if (header.words.size() < 2) fail(header, "type name missing");
    const std::string name = header.words[1];
    std::string base;
    bool isAbstract = false;
    std::vector<std::string> keys;
    for (std::size_t i = 2; i < header.words.size(); ++i) {
      const auto& w = header.words[i];
      if (w == "abstract") isAbstract = true;
      else if (w == ":" && i + 1 < header.words.size()) base = header.words[++i];
      else if (w.front() == '{' && w.back() == '}') keys = keysOf(w);
      else fail(header, "unexpected '" + w + "'");
    }
    RawProfile p = newProfile(name, resource ? "resource" : "complex-type", base);
    p.abstract = isAbstract;
    ElementDef root = element(name, 0, kUnbounded, {});
    std::vector<ElementDef> inherited;
    if (!base.empty()) {
      auto it = byName_.find(base);
      if (it == byName_.end()) fail(header, "base '" + base + "' is not defined above");
      const RawProfile& b = out_.profiles[it->second];
      for (const auto& key : b.elements.front().constraintKeys) addConstraintKeys(p, root, {key}, header);
      for (std::size_t i = 1; i < b.elements.size(); ++i) {
        ElementDef e = b.elements[i];
        e.id = e.path = name + e.path.substr(base.size());
        for (const auto& key : e.constraintKeys) p.constraints[key] = b.constraints.at(key);
        inherited.push_back(std::move(e));
      }
    }
    addConstraintKeys(p, root, keys, header);
    p.elements.push_back(std::move(root));
    for (auto& e : inherited) p.elements.push_back(std::move(e));
    ++pos_;
    readChildren(p, name, header.indent, header);
    byName_[name] = out_.profiles.size();
    out_.profiles.push_back(std::move(p));
  }

  void readChildren(RawProfile& p, const std::string& parent, int parentIndent, const Line& parentLine) {
    int indent = -1;
    while (pos_ < lines_.size() && lines_[pos_].indent > parentIndent) {
      const Line& line = lines_[pos_];
      if (indent < 0) indent = line.indent;
      if (line.indent != indent) fail(line, "inconsistent indentation");
      readElement(p, parent, line);
    }
    (void)parentLine;
  }

  void readElement(RawProfile& p, const std::string& parent, const Line& line) {
    // NAME MIN..MAX TYPES [{KEYS}] [required=VS] [ref=#PATH]
    if (line.words.size() < 3) fail(line, "expected: NAME MIN..MAX TYPES");
    const std::string path = parent + "." + line.words[0];
    const auto& card = line.words[1];
    const auto dots = card.find("..");
    if (dots == std::string::npos) fail(line, "bad cardinality '" + card + "'");
    int min = 0, max = 0;
    try {
      min = std::stoi(card.substr(0, dots));
      max = card.substr(dots + 2) == "*" ? kUnbounded : std::stoi(card.substr(dots + 2));
    } catch (const std::exception&) {
      fail(line, "bad cardinality '" + card + "'");
    }
    ElementDef e = element(path, min, max, {});
    const bool backbone = line.words[2] == "BackboneElement";
    if (line.words[2] != "-") {
      for (const auto& choice : split(line.words[2], '|')) {
        const auto paren = choice.find('(');
        if (paren == std::string::npos) {
          e.types.push_back({choice, {}, {}});
          continue;
        }
        if (choice.back() != ')') fail(line, "bad type '" + choice + "'");
        TypeRef ref{choice.substr(0, paren), {}, {}};
        for (const auto& target : split(choice.substr(paren + 1, choice.size() - paren - 2), ','))
          ref.targetProfiles.push_back(kBase + target);
        e.types.push_back(std::move(ref));
      }
    }
    for (std::size_t i = 3; i < line.words.size(); ++i) {
      const auto& w = line.words[i];
      if (w.front() == '{' && w.back() == '}') addConstraintKeys(p, e, keysOf(w), line);
      else if (w.starts_with("required=")) e.bindingStrength = "required", e.valueSet = w.substr(9);
      else if (w.starts_with("ref=")) e.contentReference = w.substr(4);
      else fail(line, "unexpected '" + w + "'");
    }
    if (e.types.empty() && e.contentReference.empty()) fail(line, "no type and no content reference");
    if (line.words[0] == "extension" || line.words[0] == "modifierExtension") sliceByUrl(e);
    if (backbone) addConstraintKeys(p, e, {"ele-1"}, line);
    p.elements.push_back(std::move(e));
    const int indent = line.indent;
    ++pos_;
    if (!backbone) {
      if (pos_ < lines_.size() && lines_[pos_].indent > indent) fail(lines_[pos_], "children under a non-backbone element");
      return;
    }
    // Every backbone element carries id, extension and modifierExtension before its own children.
    p.elements.push_back(element(path + ".id", 0, 1, {"id"}));
    ElementDef ext = element(path + ".extension", 0, kUnbounded, {"Extension"});
    sliceByUrl(ext);
    p.elements.push_back(std::move(ext));
    p.elements.push_back(element(path + ".modifierExtension", 0, kUnbounded, {"Extension"}));
    readChildren(p, path, indent, line);
  }

  std::string source_;
  std::string fhirVersion_;
  std::vector<Line> lines_;
  std::size_t pos_ = 0;
  std::map<std::string, Constraint> constraints_;
  std::map<std::string, std::size_t> byName_;  // complex types and resources read so far
  RawDefinitions out_;
};

}  // namespace

RawDefinitions readCoreSource(std::string_view text, const std::string& source, const std::string& fhirVersion) {
  return Reader(source, fhirVersion).read(text);
}

}  // namespace gpc::fhir
