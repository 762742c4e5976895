// Access Document: DocumentReference search rules and Binary retrieve/migrate.
#include <gtest/gtest.h>

#include "provider/capabilities/documents/documents.h"
#include "tests/provider/records/records_test_support.h"

namespace gpc::provider::documents {
using namespace records;
namespace {

using json = nlohmann::json;
using namespace testing;

QueryParams withIncludes(QueryParams extra = {}) {
  QueryParams q = {{"_include", "DocumentReference:subject:Patient"},
                   {"_include", "DocumentReference:custodian:Organization"},
                   {"_include", "DocumentReference:author:Organization"},
                   {"_include", "DocumentReference:author:Practitioner"},
                   {"_revinclude:recurse", "PractitionerRole:practitioner"}};
  q.insert(q.end(), extra.begin(), extra.end());
  return q;
}

std::vector<std::string> documentIds(const RecordResponse& r) {
  std::vector<std::string> ids;
  for (const auto& d : resourcesOf(r.body, "DocumentReference")) ids.push_back(d["id"]);
  return ids;
}

TEST(RecordsDocuments, SearchsetShapeAndFilters) {
  const auto r = searchDocumentReferences(context(), "2", withIncludes());
  ASSERT_FALSE(r.error) << r.error->diagnostics;
  EXPECT_EQ(r.body["id"], context().traceId);
  EXPECT_EQ(r.body["type"], "searchset");
  for (const auto& e : r.body["entry"]) EXPECT_EQ(e["fullUrl"].get<std::string>().rfind(context().baseUrl + "/", 0), 0u);
  // GPConnect-Searchset-Bundle-1 sets total and entry.search to 0..0.
  EXPECT_FALSE(r.body.contains("total"));
  for (const auto& e : r.body["entry"]) EXPECT_FALSE(e.contains("search")) << e["resource"]["resourceType"];
  EXPECT_EQ(documentIds(r), (std::vector<std::string>{"p2-doc-1", "p2-doc-2"}));
  EXPECT_FALSE(resourcesOf(r.body, "Patient").empty());
  // created falls back to indexed (p2-doc-2 has only indexed 2019-02-01).
  EXPECT_EQ(documentIds(searchDocumentReferences(context(), "2", withIncludes({{"created", "le2020-01-01"}}))), (std::vector<std::string>{"p2-doc-2"}));
  EXPECT_EQ(documentIds(searchDocumentReferences(context(), "2", withIncludes({{"created", "ge2022-11-15"}}))), (std::vector<std::string>{"p2-doc-1"}));
  EXPECT_EQ(documentIds(searchDocumentReferences(context(), "2", withIncludes({{"description", "cardiology"}}))), (std::vector<std::string>{"p2-doc-2"}));
  EXPECT_EQ(documentIds(searchDocumentReferences(context(), "2", withIncludes({{"author", "https://fhir.nhs.uk/Id/ods-organization-code|B82617"}}))),
            (std::vector<std::string>{"p2-doc-1"}));
}

TEST(RecordsDocuments, SearchErrors) {
  auto code = [](const RecordResponse& r) { return r.error ? r.error->code : std::string("none"); };
  EXPECT_EQ(code(searchDocumentReferences(context(), "2", {{"_include", "DocumentReference:subject:Patient"}})), "INVALID_PARAMETER");
  EXPECT_EQ(code(searchDocumentReferences(context({"documents-include-not-required"}), "2", {})), "none");
  EXPECT_EQ(code(searchDocumentReferences(context(), "2", withIncludes({{"author", "https://fhir.nhs.uk/Id/sds-user-id|G13579135"}}))), "INVALID_PARAMETER");
  EXPECT_EQ(code(searchDocumentReferences(context(), "2", withIncludes({{"created", "gt2020-01-01"}}))), "INVALID_PARAMETER");
  EXPECT_EQ(code(searchDocumentReferences(context(), "2", withIncludes({{"type", "x"}}))), "INVALID_PARAMETER");
  EXPECT_EQ(code(searchDocumentReferences(context(), "no-such-patient", withIncludes())), "PATIENT_NOT_FOUND");
}

TEST(RecordsDocuments, DeceasedPatientWithin28Days) {
  // patient18 died 2023-06-01 in the data pack.
  RecordContext ctx = context();
  const auto* p18 = RecordFixtures::get().pack.patientByRole("patient18");
  ASSERT_NE(p18, nullptr);
  ctx.today = "2023-06-29";
  EXPECT_FALSE(searchDocumentReferences(ctx, p18->logicalId, withIncludes()).error);
  ctx.today = "2023-06-30";
  const auto late = searchDocumentReferences(ctx, p18->logicalId, withIncludes());
  ASSERT_TRUE(late.error);
  EXPECT_EQ(late.error->code, "PATIENT_NOT_FOUND");
}

TEST(RecordsDocuments, BinaryRetrieveLimitAndMigrate) {
  const auto small = readBinary(context(), "p2-bin-1", BinaryAccess::Retrieve);
  ASSERT_FALSE(small.error);
  EXPECT_EQ(small.body["resourceType"], "Binary");
  EXPECT_EQ(small.body["contentType"], "text/plain");
  EXPECT_EQ(small.body["content"].get<std::string>().substr(0, 12), "RGlzY2hhcmdl");  // "Discharge" in base64
  const auto big = readBinary(context(), "p4-bin-1", BinaryAccess::Retrieve);
  ASSERT_TRUE(big.error);
  EXPECT_EQ(big.error->code, "NO_RECORD_FOUND");
  EXPECT_EQ(big.status, 404);
  EXPECT_FALSE(readBinary(context(), "p4-bin-1", BinaryAccess::Migrate).error);
  EXPECT_FALSE(readBinary(context({"binary-oversize-served"}), "p4-bin-1", BinaryAccess::Retrieve).error);
  EXPECT_EQ(readBinary(context(), "nope", BinaryAccess::Migrate).error->code, "NO_RECORD_FOUND");
  const auto search = searchDocumentReferences(context(), RecordFixtures::get().pack.patientByRole("patient4")->logicalId, withIncludes());
  bool sized = false;
  for (const auto& d : resourcesOf(search.body, "DocumentReference")) {
    if (d["id"] == "p4-doc-1") sized = d["content"][0]["attachment"]["size"].get<size_t>() > 5u * 1024 * 1024;
  }
  EXPECT_TRUE(sized);
}

}  // namespace
}  // namespace gpc::provider::documents
