#include "runner/load/load_profile.h"

#include "runner/core/json_input.h"

namespace gpc::load {

namespace ji = json_input;
using ji::Kind;

LoadProfile parseLoadProfile(const std::string& text, const std::string& file) {
  return ji::namingFile(file, [&] {
    const nlohmann::json doc = ji::parse(text, file);
    ji::expect(doc, Kind::Object, file, "");
    ji::checkKeys(doc, file, "", {"name", "description", "mix", "budgets", "validate_every"});
    LoadProfile profile;
    profile.file = file;
    profile.name = ji::optionalString(doc, "name", file, "");
    profile.description = ji::optionalString(doc, "description", file, "");
    const auto& mix = ji::required(doc, "mix", Kind::Array, file, "");
    if (mix.empty()) throw LoadError(file, "/mix", "the mix is empty: name at least one case");
    for (std::size_t i = 0; i < mix.size(); ++i) {
      const std::string ptr = ji::child("/mix", i);
      const auto& e = mix[i];
      ji::expect(e, Kind::Object, file, ptr);
      ji::checkKeys(e, file, ptr, {"case", "weight", "patients"});
      MixEntry entry;
      entry.pointer = ptr;
      entry.caseId = ji::required(e, "case", Kind::String, file, ptr).get<std::string>();
      if (const auto* w = ji::optional(e, "weight", Kind::Number, file, ptr)) {
        entry.weight = w->get<double>();
        if (!(entry.weight > 0)) throw LoadError(file, ji::child(ptr, "weight"), "a weight must be over 0");
      }
      if (const auto* p = ji::optional(e, "patients", Kind::Array, file, ptr)) {
        for (std::size_t j = 0; j < p->size(); ++j) {
          ji::expect((*p)[j], Kind::String, file, ji::child(ji::child(ptr, "patients"), j));
          entry.patients.push_back((*p)[j].get<std::string>());
        }
        if (entry.patients.empty()) throw LoadError(file, ji::child(ptr, "patients"), "empty: leave it out to use the case's own patient");
      }
      profile.mix.push_back(std::move(entry));
    }
    if (const auto* b = ji::optional(doc, "budgets", Kind::Object, file, "")) {
      ji::checkKeys(*b, file, "/budgets", {"error_rate", "percentile"});
      if (const auto* r = ji::optional(*b, "error_rate", Kind::Number, file, "/budgets")) {
        profile.errorBudget = r->get<double>();
        if (*profile.errorBudget < 0 || *profile.errorBudget > 1)
          throw LoadError(file, "/budgets/error_rate", "a share between 0 and 1 (0.001 is 0.1%)");
      }
      if (const auto* q = ji::optional(*b, "percentile", Kind::Number, file, "/budgets")) {
        profile.percentile = q->get<double>();
        if (!(*profile.percentile > 0) || *profile.percentile > 100)
          throw LoadError(file, "/budgets/percentile", "a percentile over 0 and at most 100");
      }
    }
    if (const auto* v = ji::optional(doc, "validate_every", Kind::Integer, file, "")) {
      profile.validateEvery = v->get<int>();
      if (*profile.validateEvery < 0) throw LoadError(file, "/validate_every", "0 (never) or a positive N");
    }
    return profile;
  });
}

LoadProfile loadLoadProfile(const std::filesystem::path& file) {
  const std::string name = file.string();
  return parseLoadProfile(ji::readFile(name, name), name);
}

}  // namespace gpc::load
