// The provider's one Spine error table against the official Spine-ErrorOrWarningCode-1
// CodeSystem (every display as the CodeSystem gives it), and the raw query parsing that lets the
// provider see repeated search parameters.
#include "gpc/build_paths.h"
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include <pugixml.hpp>

#include "provider/server/message.h"
#include "provider/server/spine_errors.h"

namespace {

namespace server = gpc::provider::server;
const std::filesystem::path kCodeSystem = std::filesystem::path(GPC_SHARED_DIR) / "profiles-official" /
                                          "gpconnect-stu3" / "CodeSystems" /
                                          "CodeSystem-Spine-ErrorOrWarningCode-1.xml";

TEST(SpineErrorTable, EveryDisplayIsTheCodeSystemsDisplay) {
  if (!std::filesystem::exists(kCodeSystem)) GTEST_SKIP() << "official CodeSystem not available: " << kCodeSystem;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file(kCodeSystem.c_str())) << kCodeSystem;
  std::map<std::string, std::string> displays;
  for (auto entry : doc.child("CodeSystem").children("concept"))
    displays[entry.child("code").attribute("value").value()] = entry.child("display").attribute("value").value();
  ASSERT_GT(displays.size(), 40u);
  for (const auto& e : server::spineErrors()) {
    // The error-handling page spells this code without the CodeSystem's "AL"; the provider
    // follows the page, the display is the same.
    const std::string code = e.code == "NO_ORGANISATION_CONSENT" ? "NO_ORGANISATIONAL_CONSENT" : std::string(e.code);
    ASSERT_TRUE(displays.count(code)) << code << " is not in the CodeSystem";
    EXPECT_EQ(std::string(e.display), displays[code]) << code;
  }
}

TEST(SpineErrorTable, OperationOutcomeCarriesTheDisplay) {
  const auto oo = server::operationOutcome("BAD_REQUEST", "why", {});
  EXPECT_EQ(oo["issue"][0]["details"]["coding"][0]["display"], "Bad request");
  EXPECT_EQ(server::spineError("PATIENT_NOT_FOUND").display, "Patient not found");
}

TEST(QueryString, KeepsRepeatsAndOrderAndDecodes) {
  const auto q = server::parseQueryString("identifier=a%7C1&identifier=a%7C1&_format=application%2Ffhir%2Bjson&x=a+b&flag");
  ASSERT_EQ(q.size(), 5u);
  EXPECT_EQ(q[0], (std::pair<std::string, std::string>{"identifier", "a|1"}));
  EXPECT_EQ(q[1], q[0]);
  EXPECT_EQ(q[2].second, "application/fhir+json");
  EXPECT_EQ(q[3].second, "a b");
  EXPECT_EQ(q[4], (std::pair<std::string, std::string>{"flag", ""}));
}

TEST(QueryString, MalformedEscapesAndEmptyPairsAreHarmless) {
  const auto q = server::parseQueryString("&a=%zz&b=%4&&c=%41");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].second, "%zz");
  EXPECT_EQ(q[1].second, "%4");
  EXPECT_EQ(q[2].second, "A");
  EXPECT_TRUE(server::parseQueryString("").empty());
}

}  // namespace
