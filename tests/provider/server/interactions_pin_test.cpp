// The reference provider's interaction rows (its capability modules) and the harness's
// suites/interactions.json are written independently — the provider must not trust the
// harness's table, or a mistake in one would pass in both — so this pins them together:
// every interaction id, method, path, JWT scope, reason_for_request and FHIR version agree.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "provider/server/capability_module.h"

namespace gpc::provider::server {
namespace {

using nlohmann::json;

struct ProviderInteraction {
  const CapabilityModule* module;
  const InteractionRow* row;
  const InteractionId* id;
};

std::map<std::string, ProviderInteraction> providerInteractions() {
  std::map<std::string, ProviderInteraction> out;
  for (const CapabilityModule* module : capabilityModules())
    for (const auto& row : module->interactions)
      for (const auto& id : row.ids) out[std::string(id.id)] = {module, &row, &id};
  return out;
}

// "/Patient/{patientId}" and "Patient/{id}" are the same route.
std::string normalisedPath(std::string path) {
  if (!path.empty() && path.front() == '/') path.erase(0, 1);
  return std::regex_replace(path, std::regex(R"(\{[^}]*\})"), "{id}");
}

// The scope's first word: a suite may ask for more (migrate's "patient/*.read conf/N").
std::string scopeWord(const std::string& scope) { return scope.substr(0, scope.find(' ')); }

json harnessTable() {
  std::ifstream in(std::string(GPC_SOURCE_DIR) + "/suites/interactions.json");
  return json::parse(in);
}

TEST(InteractionsPin, EveryHarnessInteractionIsServedAsDeclared) {
  const json table = harnessTable();
  ASSERT_GT(table.size(), 15u);
  const auto provider = providerInteractions();
  for (const auto& [name, entry] : table.items()) {
    const std::string id = entry.at("interaction_id");
    SCOPED_TRACE(name + " (" + id + ")");
    const auto it = provider.find(id);
    ASSERT_NE(it, provider.end()) << "the provider serves no interaction with this id";
    const ProviderInteraction& p = it->second;
    EXPECT_EQ(std::string(p.module->endpoint), entry.at("endpoint").get<std::string>());
    EXPECT_EQ(std::string(p.row->method), entry.at("method").get<std::string>());
    EXPECT_EQ(normalisedPath(std::string(p.row->path)), normalisedPath(entry.at("path")));
    EXPECT_EQ(std::string(p.row->scope), scopeWord(entry.at("scope")));
    EXPECT_EQ(std::string(p.id->reasonForRequest), entry.value("reason_for_request", "directcare"));
    EXPECT_EQ(p.module->generation == FhirGeneration::Dstu2 ? "DSTU2" : "STU3", entry.at("fhir").get<std::string>());
  }
}

TEST(InteractionsPin, EveryProviderInteractionIsInTheHarnessTable) {
  const json table = harnessTable();
  std::set<std::string> declared;
  for (const auto& [name, entry] : table.items()) declared.insert(entry.at("interaction_id"));
  for (const auto& [id, p] : providerInteractions())
    EXPECT_TRUE(declared.count(id)) << id << " (" << p.module->endpoint << " " << p.row->method << " " << p.row->path
                                    << ") is served but not in suites/interactions.json";
}

// Modules may share an endpoint only with its service root (Foundations and Appointment
// Management share one, spec-facts §1): one endpoint group is one service root.
TEST(InteractionsPin, EachEndpointHasOneServiceRoot) {
  std::map<std::string_view, std::string_view> rootOf, endpointOf;
  for (const CapabilityModule* module : capabilityModules()) {
    EXPECT_EQ(rootOf.emplace(module->endpoint, module->serviceRoot).first->second, module->serviceRoot) << module->endpoint;
    EXPECT_EQ(endpointOf.emplace(module->serviceRoot, module->endpoint).first->second, module->endpoint) << module->serviceRoot;
    EXPECT_NE(module->capabilityStatement, nullptr) << module->endpoint;
    EXPECT_NE(module->faults, nullptr) << module->endpoint;
    for (const auto& row : module->interactions) EXPECT_FALSE(row.ids.empty()) << row.path;
  }
}

}  // namespace
}  // namespace gpc::provider::server
