// FHIRPath functions: FHIR-specific (extension, resolve, hasValue, htmlChecks ...).
#include <algorithm>
#include <cctype>
#include <string_view>
#include <string>

#include "runner/fhir/fhirpath/functions/library.h"

namespace gpc::fhirpath::detail::functions {
namespace {

// ---- resolve()

// Finds what a reference string points at: a Bundle entry by fullUrl or by Type/id (also
// the tail of an absolute URL), or a contained resource (#id).
const json* resolveReference(const std::string& ref, const Env& env) {
  if (!ref.empty() && ref[0] == '#') {
    if (!env.resource) return nullptr;
    const json& r = env.resource->data();
    if (r.contains("contained") && r["contained"].is_array())
      for (const json& c : r["contained"])
        if (c.value("id", "") == ref.substr(1)) return &c;
    return nullptr;
  }
  for (const Value* scope : {env.rootResource, env.resource}) {
    if (!scope) continue;
    const json& b = scope->data();
    if (b.value("resourceType", "") != "Bundle" || !b.contains("entry") || !b["entry"].is_array()) continue;
    for (const json& e : b["entry"]) {
      if (!e.is_object() || !e.contains("resource")) continue;
      const json& res = e["resource"];
      if (e.value("fullUrl", "") == ref) return &res;
      std::string typeId = res.value("resourceType", "") + "/" + res.value("id", "");
      if (ref == typeId || (ref.size() > typeId.size() && ref.compare(ref.size() - typeId.size(), typeId.size(), typeId) == 0 &&
                            ref[ref.size() - typeId.size() - 1] == '/'))
        return &res;
    }
  }
  return nullptr;
}

// txt-1's htmlChecks(): the narrative must be non-empty XHTML without active content.
// Written out by hand rather than as regexes: libstdc++'s regex recurses once per character a
// quantifier consumes (see safe_regex.h), and a narrative is as long as a provider makes it.
bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool isLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// "<" [space]* one of the active-content element names, then not a name character.
bool opensActiveElement(std::string_view s, std::size_t lt) {
  static const std::string_view kActive[] = {"script", "object", "applet",   "iframe", "embed", "form", "input",
                                              "frame",  "frameset", "base", "link",   "meta",  "style"};
  std::size_t i = lt + 1;
  while (i < s.size() && isSpace(s[i])) ++i;
  std::size_t end = i;
  while (end < s.size() && isWordChar(s[end])) ++end;
  const std::string_view name = s.substr(i, end - i);  // compared without a copy: one per tag
  const auto sameIgnoringCase = [&](std::string_view active) {
    return name.size() == active.size() &&
           std::equal(name.begin(), name.end(), active.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  };
  for (const auto active : kActive)
    if (sameIgnoringCase(active)) return true;
  return false;
}

// [space] "on" [letters]+ [space]* "=": an event-handler attribute.
bool startsEventHandler(std::string_view s, std::size_t space) {
  std::size_t i = space + 1;
  if (i + 1 >= s.size() || std::tolower(static_cast<unsigned char>(s[i])) != 'o' ||
      std::tolower(static_cast<unsigned char>(s[i + 1])) != 'n')
    return false;
  i += 2;
  const std::size_t letters = i;
  while (i < s.size() && isLetter(s[i])) ++i;
  if (i == letters) return false;
  while (i < s.size() && isSpace(s[i])) ++i;
  return i < s.size() && s[i] == '=';
}

bool htmlChecks(const std::string& div) {
  std::string_view d(div);
  while (!d.empty() && isSpace(d.front())) d.remove_prefix(1);
  while (!d.empty() && isSpace(d.back())) d.remove_suffix(1);
  if (d.size() < 11 || d.substr(0, 4) != "<div" || !(isSpace(d[4]) || d[4] == '>') || d.substr(d.size() - 6) != "</div>")
    return false;
  bool hasContent = false;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (d[i] == '<' && opensActiveElement(d, i)) return false;
    if (isSpace(d[i]) && startsEventHandler(d, i)) return false;
    if (d[i] == '>' && i + 1 < d.size() && d[i + 1] != '<' && !isSpace(d[i + 1])) hasContent = true;
    if (d[i] == '<' && d.substr(i, 4) == "<img" && (i + 4 == d.size() || !isWordChar(d[i + 4])))
      hasContent = true;
  }
  return hasContent;
}

}  // namespace

void addFhirFunctions(Table& table) {
  table.insert({
      {"hasValue", {0, 0, [](const Node&, const Collection& in, const Env&) {
         return boolean(in.size() == 1 && in.front().hasValue() && !in.front().data().is_object() &&
                        !in.front().data().is_array());
       }}},
      {"getValue", {0, 0, [](const Node&, const Collection& in, const Env&) {
         if (in.size() != 1 || !in.front().hasValue() || in.front().data().is_object()) return Collection{};
         Value v = in.front();
         v.extras = nullptr;
         return Collection{v};
       }}},
      {"extension", {1, 1, [](const Node& n, const Collection& in, const Env& env) {
         Collection out;
         for (const Value& v : in) {
           auto url = stringArg(n, 0, env);
           if (!url) return Collection{};
           for (const Value& e : member(v, "extension", env))
             if (e.data().is_object() && e.data().value("url", "") == *url) out.push_back(e);
         }
         return out;
       }}},
      {"resolve", {0, 0, [](const Node&, const Collection& in, const Env& env) {
         Collection out;
         for (const Value& v : in) {
           const json& d = v.data();
           std::string ref = d.is_string() ? d.get<std::string>()
                             : d.is_object() && d.contains("reference") && d["reference"].is_string()
                                 ? d["reference"].get<std::string>() : "";
           if (ref.empty()) continue;
           if (const json* target = resolveReference(ref, env)) {
             Value r;
             r.node = target;
             r.type = target->value("resourceType", "");
             if (env.trackLocations) r.location = r.type + "/" + target->value("id", "");
             out.push_back(r);
           }
         }
         return out;
       }}},
      {"htmlChecks", {0, 0, [](const Node& n, const Collection& in, const Env&) -> Collection {
         const Value* v = single(in, n);
         if (!v) return {};
         if (!v->data().is_string()) return boolean(false);
         return boolean(htmlChecks(v->data().get<std::string>()));
       }}},
  });
}

}  // namespace gpc::fhirpath::detail::functions
