// The static analysis that lets the validator skip invariants (fhirpath::notFalseWhenAbsent):
// what it finds for typical invariant shapes, and that it is sound on every constraint of the
// project's profiles: on an element holding none of the named members the expression never
// evaluates to false.

#include <gtest/gtest.h>

#include "runner/fhir/fhirpath/fhirpath.h"
#include "runner/fhir/model.h"
#include "runner/fhir/validator.h"

namespace fp = gpc::fhirpath;
using nlohmann::json;

namespace {

std::vector<std::string> guardOf(const char* text) {
  auto guard = fp::notFalseWhenAbsent(fp::parse(text));
  return guard ? *guard : std::vector<std::string>{"<none>"};
}

TEST(Guards, TypicalInvariantShapes) {
  using V = std::vector<std::string>;
  EXPECT_EQ(guardOf("contained.contained.empty()"), V{"contained"});
  EXPECT_EQ(guardOf("contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()"), V{"contained"});
  EXPECT_EQ(guardOf("start.empty() or end.empty() or (start <= end)"), V{"start"});
  EXPECT_EQ(guardOf("dataAbsentReason.empty() or value.empty()"), V{"dataAbsentReason"});
  EXPECT_EQ(guardOf("code.exists() implies system.exists()"), V{"code"});
  // Without low the antecedent (or the negated conjunction) is false: vacuously true.
  EXPECT_EQ(guardOf("low.exists() and high.exists() implies low <= high"), V{"low"});
  EXPECT_EQ(guardOf("(low.exists() and high.exists()).not() or low <= high"), V{"low"});
  EXPECT_EQ(guardOf("low.exists() or high.exists() implies low.exists()"), (V{"high", "low"}));
  EXPECT_EQ(guardOf("(low.empty() or high.empty()) or (low <= high)"), V{"low"});
  EXPECT_EQ(guardOf("item.all(answer.exists())"), V{"item"});
  EXPECT_EQ(guardOf("entry.where(fullUrl.empty()).empty()"), V{"entry"});
  EXPECT_EQ(guardOf("total.empty() or (type = 'searchset') or (type = 'history')"), V{"total"});
  // Needs something present to be true: no guard.
  EXPECT_EQ(guardOf("name.exists() or identifier.exists()"), V{"<none>"});
  EXPECT_EQ(guardOf("hasValue() or children().exists()"), V{"<none>"});
  // A leading type name is not a member.
  EXPECT_EQ(guardOf("Patient.contact.empty()"), V{"<none>"});
  // `&` treats an empty operand as '', so it does not propagate emptiness.
  EXPECT_EQ(guardOf("(a & 'x') = 'x'"), V{"<none>"});
}

std::vector<std::string> satisfiersOf(const char* text) {
  auto found = fp::trueWhenAnyPresent(fp::parse(text));
  return found ? *found : std::vector<std::string>{"<none>"};
}

TEST(Guards, TrueWhenAnyPresent) {
  using V = std::vector<std::string>;
  EXPECT_EQ(satisfiersOf("resource.exists() or request.exists() or response.exists()"),
            (V{"request", "resource", "response"}));
  EXPECT_EQ(satisfiersOf("code.exists() implies system.exists()"), V{"system"});
  EXPECT_EQ(satisfiersOf("resource.exists() and request.exists()"), V{"<none>"});
  EXPECT_EQ(satisfiersOf("resource.where(id = 'x').exists()"), V{"<none>"});
  EXPECT_EQ(satisfiersOf("resource.exists().not()"), V{"<none>"});
  const V names{"resource"};
  EXPECT_TRUE(fp::anyPresent(json{{"resource", {{"resourceType", "Patient"}}}}, names));
  EXPECT_TRUE(fp::anyPresent(json{{"_resource", {{"id", "a"}}}}, names));
  EXPECT_FALSE(fp::anyPresent(json{{"resource", nullptr}}, names));
  EXPECT_FALSE(fp::anyPresent(json{{"resource", json::array({nullptr})}}, names));
  EXPECT_FALSE(fp::anyPresent(json{{"resourceX", 1}}, names));
}

TEST(Guards, AbsenceCountsUnderscoreAndChoiceVariants) {
  const std::vector<std::string> value{"value"};
  EXPECT_TRUE(fp::allAbsent(json::object(), value));
  EXPECT_TRUE(fp::allAbsent(json{{"values", 1}, {"id", "a"}}, value));
  EXPECT_FALSE(fp::allAbsent(json{{"value", 1}}, value));
  EXPECT_FALSE(fp::allAbsent(json{{"_value", {{"id", "a"}}}}, value));
  EXPECT_FALSE(fp::allAbsent(json{{"valueQuantity", {{"value", 1}}}}, value));
  EXPECT_FALSE(fp::allAbsent(json("a string"), value));  // primitives are never skipped
}

// Every guarded constraint of profiles/, evaluated on elements without its members, with the
// profiles' type information: never a definite false.
TEST(Guards, SoundOnEveryConstraintOfTheProjectProfiles) {
  const auto registry = gpc::fhir::ProfileRegistry::loadDefault();
  int guarded = 0;
  for (const auto& [url, profile] : registry->data().profiles) {
    for (const auto& node : profile->nodes) {
      for (const auto& key : node.def->constraintKeys) {
        auto c = profile->raw.constraints.find(key);
        if (c == profile->raw.constraints.end() || c->second.expression.empty()) continue;
        fp::Expression expr;
        try {
          expr = fp::parse(c->second.expression);
        } catch (const fp::ParseError&) {
          continue;
        }
        if (const auto satisfiers = fp::trueWhenAnyPresent(expr)) {
          ++guarded;
          for (const auto& name : *satisfiers) {
            for (const json& value : {json("x"), json::object({{"id", "a"}}), json::array({json::object({{"id", "a"}})})}) {
              fp::Options options;
              options.types = registry.get();
              options.rootType = &node == profile->root ? profile->raw.type
                                 : (node.def->types.size() == 1 ? node.def->types[0].code : std::string());
              try {
                const auto result = fp::evaluateItems(expr, json{{name, value}}, options);
                EXPECT_TRUE(result.size() == 1 && result[0].json() == true)
                    << url << " " << key << ": " << c->second.expression << " with " << name << " present";
              } catch (const fp::EvalError&) {
              }
            }
          }
        }
        const auto guard = fp::notFalseWhenAbsent(expr);
        if (!guard) continue;
        ++guarded;
        const bool root = &node == profile->root;
        const std::string type = root ? profile->raw.type
                                      : (node.def->types.size() == 1 ? node.def->types[0].code : std::string());
        for (json focus : {json::object(), json{{"id", "x1"}},
                           json{{"extension", {{{"url", "https://example.org/x"}, {"valueString", "v"}}}}}}) {
          if (root && registry->typeDefinition(type) != nullptr && profile->raw.kind == "resource") {
            focus["resourceType"] = type;
          }
          if (!fp::allAbsent(focus, *guard)) continue;
          fp::Options options;
          options.types = registry.get();
          if (!focus.contains("resourceType")) options.rootType = type;
          try {
            const auto result = fp::evaluateItems(expr, focus, options);
            const bool isFalse = result.size() == 1 && result[0].json().is_boolean() && !result[0].json().get<bool>();
            EXPECT_FALSE(isFalse) << url << " " << key << ": " << c->second.expression << " on " << focus.dump();
          } catch (const fp::EvalError&) {
            // Not a false either: the validator reports evaluation errors as information.
          }
        }
      }
    }
  }
  EXPECT_GT(guarded, 100);
}

}  // namespace
