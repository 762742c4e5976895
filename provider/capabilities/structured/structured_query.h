#pragma once
// The validated request of $gpc.getstructuredrecord: what parsing the Parameters resource
// against the 1.6.2 operation definition and its combination rules yields.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "provider/records/record_context.h"

namespace gpc::provider::structured {
using namespace records;  // the record vocabulary this capability is built on

struct SearchPeriod {
  std::string start;  // yyyy-mm-dd or empty
  std::string end;
};

struct StructuredQuery {
  std::string nhsNumber;
  bool allergies = false;
  bool includeResolvedAllergies = false;
  bool medication = false;
  bool includePrescriptionIssues = true;
  std::string medicationSearchFromDate;
  bool consultations = false;
  SearchPeriod consultationSearchPeriod;
  std::optional<int> includeNumberOfMostRecent;
  bool problems = false;
  std::string filterStatus;  // "", "active", "inactive"
  bool immunisations = false;
  bool includeNotGiven = false;
  bool includeStatus = true;
  bool uncategorised = false;
  SearchPeriod uncategorisedDataSearchPeriod;
  bool investigations = false;
  SearchPeriod investigationSearchPeriod;
  bool referrals = false;
  SearchPeriod referralSearchPeriod;
  bool diary = false;
  std::string diaryEntriesSearchDate;
  std::vector<std::string> unrecognised;  // "param" or "param.part", in request order
};

// Validates against the operation definition; `today` is yyyy-mm-dd.
std::variant<StructuredQuery, SpineError> parseStructuredQuery(const nlohmann::json& parameters, const std::string& today);

}  // namespace gpc::provider::structured
