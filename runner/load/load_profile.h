#pragma once
// A load profile (`gpc-assure load --profile FILE`, docs/load.md): which interactions a load run
// drives, in what proportion, for which patients. Each entry of the mix names a suite case: the
// case states the requests (its steps, in order, captures carried between them) and the
// expectations every response is held to, so a load run judges answers exactly as the suites do.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gpc::load {

struct MixEntry {
  std::string caseId;
  double weight = 1;                  // share of the iterations: weight / sum of weights
  // Target patient keys (patient2, ...) the case's own patient is bound to in turn, one per
  // iteration; empty: the case's own. Only for cases whose expectations hold for any patient.
  std::vector<std::string> patients;
  std::string pointer;                // JSON pointer of the entry, for errors
};

struct LoadProfile {
  std::string file;
  std::string name;
  std::string description;
  std::vector<MixEntry> mix;
  // Defaults the command line can override.
  std::optional<double> errorBudget;   // largest share of failed iterations allowed (0.001 = 0.1%)
  std::optional<double> percentile;    // the percentile the SHALL limits are judged at (100: every answer)
  std::optional<int> validateEvery;    // profile validation of 1 iteration in N
};

// Throws LoadError (`file: /pointer: reason`).
LoadProfile parseLoadProfile(const std::string& text, const std::string& file);
LoadProfile loadLoadProfile(const std::filesystem::path& file);

}  // namespace gpc::load
