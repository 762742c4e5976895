#pragma once
// Shared test fixtures: registries loaded once per test process (loading the official core
// package takes seconds), and the example/corpus files under ../shared.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/fhir/validator.h"

namespace gpc::fhir::testing {

std::filesystem::path sharedDir();
bool haveShared();
// HL7 core package + profiles-official, or null without ../shared.
std::shared_ptr<const ProfileRegistry> officialRegistry();
// The project's profiles/.
std::shared_ptr<const ProfileRegistry> defaultRegistry();
// Example and corpus resources (JSON) that are meant to be valid STU3.
std::vector<std::filesystem::path> stu3JsonSamples();
nlohmann::json readJson(const std::filesystem::path& file);
std::string readText(const std::filesystem::path& file);
std::vector<Issue> errorsOf(const std::vector<Issue>& issues);
// The issues of `after` that `before` lacks (same location and message): what a break added.
std::vector<Issue> addedIssues(const std::vector<Issue>& before, const std::vector<Issue>& after);
std::string describe(const std::vector<Issue>& issues);

}  // namespace gpc::fhir::testing
