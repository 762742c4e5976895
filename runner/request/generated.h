#pragma once
// Generated values: data a case needs fresh on every run, such as the NHS number of a patient
// to register (a real provider rejects a second registration of the same number with
// DUPLICATE_REJECTED), yet reproducible: the same seed and case give the same value.
//
// Names (docs/suite-format.md "Generated values"):
//   generated.nhs_number          an NHS number in the test range, per case
//   generated.nhs_number.LABEL    another one in the same case (LABEL: letters, digits, _ -)

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gpc {

// Whether `name` is a generated-value name (known before a run, for load-time checks).
bool isGeneratedVariable(std::string_view name);

// The value of a generated-value name for (seed, caseId); nullopt for any other name.
// `candidate` 0 is the value every run with this seed starts from; 1, 2, ... are the next ones
// tried when a suite declares that the value must be unused at the provider and the provider
// already holds the earlier ones (runner/exec/fresh_values.h). Each is again a pure function of
// the inputs, so a re-run with the same seed walks the same sequence.
std::optional<std::string> generatedValue(std::string_view name, std::uint64_t seed, std::string_view caseId,
                                          unsigned candidate = 0);

// The kind of a generated-value name ("nhs_number" for generated.nhs_number and
// generated.nhs_number.LABEL); nullopt for any other name.
std::optional<std::string> generatedKind(std::string_view name);

// The kinds there are, for load-time checks of a suite's "generated" section.
bool isGeneratedKind(std::string_view kind);

// The modulus-11 check digit of the first nine digits of an NHS number, or nullopt when that
// prefix has none (the weighted remainder gives 10: no valid number starts so).
std::optional<int> nhsCheckDigit(std::string_view firstNine);

// Ten digits with a correct check digit.
bool isValidNhsNumber(std::string_view nhsNumber);

// The NHS number generated for (seed, caseId, label): valid, in 999 100 0000 - 999 999 9989 (the
// synthetic test range 999..., above the 999 000 xxxx block hand-written suite cases use, and
// never 999 999 9999, the reference target's patient "not in the system").
std::string generatedNhsNumber(std::uint64_t seed, std::string_view caseId, std::string_view label = "");

}  // namespace gpc
