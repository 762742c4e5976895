#pragma once
// The $gpc.getcarerecord request and the section XHTML of its answer, shared by the HTML tests.

#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "provider/records/record_context.h"

namespace gpc::provider::records::testing {

inline nlohmann::json careRecordRequest(const std::string& nhs, const std::string& section, nlohmann::json period = nullptr) {
  using nlohmann::json;
  json p = {{"resourceType", "Parameters"},
            {"parameter", json::array({{{"name", "patientNHSNumber"}, {"valueIdentifier", {{"system", "http://fhir.nhs.net/Id/nhs-number"}, {"value", nhs}}}},
                                       {{"name", "recordSection"},
                                        {"valueCodeableConcept",
                                         {{"coding", json::array({{{"system", "http://fhir.nhs.net/ValueSet/gpconnect-record-section-1"}, {"code", section}}})}}}}})}};
  if (!period.is_null()) p["parameter"].push_back({{"name", "timePeriod"}, {"valuePeriod", period}});
  return p;
}

// The Composition section's div (failing the test, and "" returned, on an error response).
inline std::string sectionDiv(const RecordResponse& r) {
  EXPECT_FALSE(r.error.has_value()) << (r.error ? r.error->code + ": " + r.error->diagnostics : "");
  if (r.error) return {};
  return r.body["entry"][0]["resource"]["section"][0]["text"]["div"].get<std::string>();
}

}  // namespace gpc::provider::records::testing
