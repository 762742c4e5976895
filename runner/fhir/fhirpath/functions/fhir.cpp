// FHIRPath functions: FHIR-specific (extension, resolve, hasValue, htmlChecks ...).
#include <regex>
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
bool htmlChecks(const std::string& div) {
  static const std::regex forbidden(
      R"(<\s*(script|object|applet|iframe|embed|form|input|frame|frameset|base|link|meta|style)\b|\son[a-z]+\s*=)",
      std::regex::icase);
  static const std::regex hasDiv(R"(^\s*<div[\s>][\s\S]*</div>\s*$)");
  if (!std::regex_match(div, hasDiv)) return false;
  if (std::regex_search(div, forbidden)) return false;
  static const std::regex text(R"(>[^<\s]|<img\b)");
  return std::regex_search(div, text);
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
