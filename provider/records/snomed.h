#pragma once
// SNOMED CT identifier checks: every concept id in the fixtures must carry a valid Verhoeff
// check digit and a partition identifier, so a typo in the data fails at load, not in a suite.

#include <string_view>

namespace gpc::provider::records {

bool verhoeffValid(std::string_view digits);
// 6..18 digits, no leading zero, Verhoeff-valid, partition (2nd/3rd from the right) a concept's.
bool isSnomedConceptId(std::string_view id);
// Same, for any SNOMED component id (concept, description, relationship partitions).
bool isSnomedId(std::string_view id);

}  // namespace gpc::provider::records
