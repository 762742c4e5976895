// Loading definitions (errors name the file; compact form reads back to the same model) and the
// `validate` command's output and exit codes.

#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "runner/fhir/compact.h"
#include "runner/fhir/model.h"
#include "runner/fhir/validate_command.h"
#include "tests/fhir/shared_fixtures.h"

namespace gpc::fhir::testing {
namespace {

std::filesystem::path scratch(const std::string& name) {
  auto dir = std::filesystem::path(GPC_BINARY_DIR) / "test-fhir-scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void write(const std::filesystem::path& file, const std::string& text) { std::ofstream(file) << text; }

TEST(Registry, DefaultProfilesHaveCoreAndGpConnect) {
  const auto registry = defaultRegistry();
  EXPECT_NE(registry->typeDefinition("Patient"), nullptr);
  EXPECT_NE(registry->typeDefinition("Element"), nullptr);
  EXPECT_NE(registry->profile("https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1"), nullptr);
  EXPECT_NE(registry->profile("https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1|1.8.0"), nullptr);
  EXPECT_NE(registry->valueSet("http://hl7.org/fhir/ValueSet/administrative-gender"), nullptr);
  EXPECT_TRUE(registry->valueSet("http://hl7.org/fhir/ValueSet/administrative-gender")->containsCode("female"));
}

TEST(Registry, ImplementsTypeInfo) {
  const auto registry = defaultRegistry();
  EXPECT_EQ(registry->elementTypes("Patient", "birthDate"), std::vector<std::string>{"date"});
  EXPECT_EQ(registry->elementTypes("Observation", "valueQuantity"), std::vector<std::string>{"Quantity"});
  EXPECT_GT(registry->elementTypes("Observation", "value").size(), 5u);
  EXPECT_EQ(registry->elementTypes("Observation", "component"), std::vector<std::string>{"Observation.component"});
  EXPECT_EQ(registry->elementTypes("Observation.component", "code"), std::vector<std::string>{"CodeableConcept"});
  const auto choices = registry->choiceProperties("Observation", "value");
  EXPECT_NE(std::find(choices.begin(), choices.end(), std::make_pair(std::string("valueString"), std::string("string"))),
            choices.end());
  EXPECT_TRUE(registry->isSubtypeOf("Patient", "DomainResource"));
  EXPECT_TRUE(registry->isSubtypeOf("Patient", "Resource"));
  EXPECT_FALSE(registry->isSubtypeOf("Patient", "Observation"));
  EXPECT_TRUE(registry->isPrimitive("dateTime"));
  EXPECT_FALSE(registry->isPrimitive("HumanName"));
}

TEST(Registry, InvalidDefinitionFilesAreNamed) {
  const auto dir = scratch("bad-defs");
  write(dir / "Broken.json", "{ not json");
  try {
    ProfileRegistry::load({dir});
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("Broken.json"), std::string::npos) << e.what();
  }
  std::filesystem::remove(dir / "Broken.json");
  write(dir / "Broken.xml", "<StructureDefinition xmlns=\"http://hl7.org/fhir\"><url value=\"x\"");
  EXPECT_THROW(ProfileRegistry::load({dir}), std::runtime_error);
  EXPECT_THROW(ProfileRegistry::load({dir / "missing"}), std::runtime_error);
}

TEST(Registry, CompactFormReadsBackToTheSameModel) {
  const auto registry = defaultRegistry();
  const auto* patient = registry->profile("https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1");
  ASSERT_NE(patient, nullptr);
  const auto doc = writeCompact({&patient->raw}, {}, {});
  RawDefinitions back;
  readCompact(doc, "memory", back);
  ASSERT_EQ(back.profiles.size(), 1u);
  EXPECT_EQ(writeCompact({&back.profiles[0]}, {}, {}), doc);
  EXPECT_EQ(back.profiles[0].elements.size(), patient->raw.elements.size());
}

TEST(ValidateCommand, ExitCodesAndFormats) {
  const auto dir = scratch("command");
  write(dir / "ok.json", R"({"resourceType":"Patient","gender":"female"})");
  write(dir / "bad.json", R"({"resourceType":"Patient","gender":"blue","birthDate":"1970-13-01"})");
  write(dir / "broken.json", R"({"resourceType":)");
  write(dir / "ok.xml", R"(<Patient xmlns="http://hl7.org/fhir"><gender value="male"/></Patient>)");
  std::ostringstream out, err;
  EXPECT_EQ(runValidateCommand({{(dir / "ok.json").string(), (dir / "ok.xml").string()}, "", {}, "text"}, out, err), 0)
      << out.str() << err.str();
  out.str("");
  EXPECT_EQ(runValidateCommand({{(dir / "bad.json").string()}, "", {}, "text"}, out, err), 1);
  EXPECT_NE(out.str().find("Patient.gender"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("Patient.birthDate"), std::string::npos) << out.str();
  out.str("");
  EXPECT_EQ(runValidateCommand({{(dir / "bad.json").string()}, "", {}, "json"}, out, err), 1);
  const auto json = nlohmann::json::parse(out.str());
  EXPECT_EQ(json[0]["outcome"]["resourceType"], "OperationOutcome");
  out.str("");
  EXPECT_EQ(runValidateCommand({{(dir / "broken.json").string()}, "", {}, "text"}, out, err), 1);
  EXPECT_NE(out.str().find("invalid JSON"), std::string::npos);
  EXPECT_EQ(runValidateCommand({{(dir / "missing.json").string()}, "", {}, "text"}, out, err), 2);
  EXPECT_EQ(runValidateCommand({{(dir / "ok.json").string()}, "", {(dir / "nowhere").string()}, "text"}, out, err), 2);
  EXPECT_EQ(runValidateCommand({{(dir / "ok.json").string()}, "", {}, "yaml"}, out, err), 2);
  // A profile the resource does not meet, asked for explicitly.
  out.str("");
  EXPECT_EQ(runValidateCommand({{(dir / "ok.json").string()},
                                "https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1", {}, "text"},
                               out, err),
            1)
      << out.str();
  EXPECT_EQ(runValidateCommand({{(dir / "ok.json").string()}, "https://example.org/no-such-profile", {}, "text"}, out, err), 1);
}

}  // namespace
}  // namespace gpc::fhir::testing
