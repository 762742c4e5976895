#include "runner/request/generated.h"

#include <algorithm>
#include <cctype>

namespace gpc {
namespace {

constexpr std::string_view kNhsNumber = "generated.nhs_number";
constexpr std::string_view kNhsNumberKind = "nhs_number";

// FNV-1a 64 then a splitmix64 finaliser: stable across platforms and library versions
// (std::hash is neither), so a seed reproduces a run anywhere.
std::uint64_t mix(std::uint64_t h) {
  h += 0x9E3779B97F4A7C15ULL;
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
  return h ^ (h >> 31);
}

std::uint64_t hashOf(std::uint64_t seed, std::string_view caseId, std::string_view label) {
  std::uint64_t h = 0xCBF29CE484222325ULL ^ mix(seed);
  const auto feed = [&](std::string_view text) {
    for (unsigned char c : text) h = (h ^ c) * 0x100000001B3ULL;
    h = (h ^ 0xFF) * 0x100000001B3ULL;  // separator: ("ab","c") differs from ("a","bc")
  };
  feed(caseId);
  feed(label);
  return mix(h);
}

bool isLabel(std::string_view label) {
  return !label.empty() && std::all_of(label.begin(), label.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
}

// The label of a generated NHS number name: "" for the plain name, nullopt when not one.
std::optional<std::string_view> nhsNumberLabel(std::string_view name) {
  if (name == kNhsNumber) return std::string_view();
  if (name.size() > kNhsNumber.size() + 1 && name.substr(0, kNhsNumber.size()) == kNhsNumber &&
      name[kNhsNumber.size()] == '.') {
    const std::string_view label = name.substr(kNhsNumber.size() + 1);
    if (isLabel(label)) return label;
  }
  return std::nullopt;
}

}  // namespace

bool isGeneratedVariable(std::string_view name) { return nhsNumberLabel(name).has_value(); }

std::optional<std::string> generatedValue(std::string_view name, std::uint64_t seed, std::string_view caseId,
                                          unsigned candidate) {
  const auto label = nhsNumberLabel(name);
  if (!label) return std::nullopt;
  if (candidate == 0) return generatedNhsNumber(seed, caseId, *label);
  // '#' cannot occur in a label, so a later candidate never equals another label's first value
  // by construction (only by chance, like any two draws).
  return generatedNhsNumber(seed, caseId, std::string(*label) + "#" + std::to_string(candidate));
}

std::optional<std::string> generatedKind(std::string_view name) {
  if (nhsNumberLabel(name)) return std::string(kNhsNumberKind);
  return std::nullopt;
}

bool isGeneratedKind(std::string_view kind) { return kind == kNhsNumberKind; }

std::optional<int> nhsCheckDigit(std::string_view firstNine) {
  if (firstNine.size() != 9) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(firstNine[i]))) return std::nullopt;
    sum += (firstNine[i] - '0') * static_cast<int>(10 - i);
  }
  const int check = 11 - sum % 11;
  if (check == 10) return std::nullopt;
  return check == 11 ? 0 : check;
}

bool isValidNhsNumber(std::string_view nhsNumber) {
  if (nhsNumber.size() != 10 || !std::isdigit(static_cast<unsigned char>(nhsNumber[9]))) return false;
  const auto check = nhsCheckDigit(nhsNumber.substr(0, 9));
  return check && *check == nhsNumber[9] - '0';
}

std::string generatedNhsNumber(std::uint64_t seed, std::string_view caseId, std::string_view label) {
  // Digits 4-9 in 100000..999998: 999 999 9999 is left out, being the conventional "patient not
  // in the system" (the reference target's patientNotInSystem), which a register case must never
  // create. A prefix without a check digit (1 in 11) moves to the next one, so the result stays
  // a pure function of the inputs.
  constexpr std::uint64_t kFirst = 100000, kLast = 999998;
  std::uint64_t n = kFirst + hashOf(seed, caseId, label) % (kLast - kFirst + 1);
  for (;; n = n == kLast ? kFirst : n + 1) {
    const std::string firstNine = "999" + std::to_string(n);
    if (const auto check = nhsCheckDigit(firstNine)) return firstNine + static_cast<char>('0' + *check);
  }
}

}  // namespace gpc
