// XML from a provider never reaches the file system or expands without bound: a DOCTYPE (the
// carrier of external entities and of entity-expansion bombs) is refused with a fatal issue,
// and nothing of the entity's target appears in the result.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "runner/fhir/xml.h"
#include "runner/fhir/xml_doctype.h"
#include "tests/fhir/shared_fixtures.h"

namespace gpc::fhir::testing {
namespace {

const std::string kExternalEntity = R"(<?xml version="1.0"?>
<!DOCTYPE Patient [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<Patient xmlns="http://hl7.org/fhir"><id value="p1"/><name><family value="&xxe;"/></name></Patient>)";

const std::string kBillionLaughs = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Patient xmlns="http://hl7.org/fhir"><id value="p1"/><name><family value="&lol9;"/></name></Patient>)";

std::string passwdFirstLine() {
  std::ifstream in("/etc/passwd");
  std::string line;
  std::getline(in, line);
  return line;
}

TEST(XmlEntities, ExternalEntityIsRefusedAndTheFileNeverRead) {
  const std::string secret = passwdFirstLine();
  if (secret.empty()) GTEST_SKIP() << "no /etc/passwd to look for";
  std::vector<Issue> issues;
  const auto json = parseXml(kExternalEntity, *defaultRegistry(), &issues);
  EXPECT_TRUE(json.is_null());
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].severity, "fatal");
  EXPECT_NE(issues[0].message.find("DOCTYPE declaration at offset 22"), std::string::npos) << issues[0].message;
  EXPECT_NE(issues[0].message.find("ENTITY"), std::string::npos) << issues[0].message;
  EXPECT_EQ(json.dump().find(secret), std::string::npos);
  EXPECT_EQ(describe(issues).find(secret), std::string::npos);
}

TEST(XmlEntities, ExpansionBombIsRefusedBeforeAnyExpansion) {
  std::vector<Issue> issues;
  const auto json = parseXml(kBillionLaughs, *defaultRegistry(), &issues);
  EXPECT_TRUE(json.is_null());
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].message.find("XML refused"), std::string::npos);
}

TEST(XmlEntities, DoctypeIsFoundOnlyInTheProlog) {
  EXPECT_TRUE(refusedDoctype("<!-- c --><?pi x?>\n<!DOCTYPE a><a/>"));
  EXPECT_FALSE(refusedDoctype("<?xml version=\"1.0\"?><a><!-- <!DOCTYPE in a comment --></a>"));
  EXPECT_FALSE(refusedDoctype("<a>&lt;!DOCTYPE as text</a>"));
  EXPECT_FALSE(refusedDoctype(""));
  EXPECT_FALSE(refusedDoctype("<!-- unterminated"));
  EXPECT_TRUE(refusedDoctype("  <!DOCTYPE html>"));
}

}  // namespace
}  // namespace gpc::fhir::testing
