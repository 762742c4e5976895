#include "runner/fhir/identifiers.h"

#include <array>
#include <cctype>

namespace gpc::fhir {
namespace {

bool allDigits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

bool verhoeffValid(std::string_view digits) {
  static constexpr std::array<std::array<int, 10>, 10> d = {{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                                                             {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
                                                             {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
                                                             {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
                                                             {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
                                                             {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
                                                             {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
                                                             {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
                                                             {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
                                                             {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}}};
  static constexpr std::array<std::array<int, 10>, 8> p = {{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                                                            {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
                                                            {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
                                                            {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
                                                            {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
                                                            {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
                                                            {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
                                                            {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}}};
  int c = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const int digit = digits[digits.size() - 1 - i] - '0';
    c = d[c][p[i % 8][digit]];
  }
  return c == 0;
}

}  // namespace

std::optional<std::string> nhsNumberProblem(std::string_view value) {
  if (value.size() != 10 || !allDigits(value)) return "an NHS number is ten digits, not '" + std::string(value) + "'";
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (value[i] - '0') * (10 - i);
  int check = 11 - (sum % 11);
  if (check == 11) check = 0;
  if (check == 10 || check != value[9] - '0') {
    return "NHS number '" + std::string(value) + "' fails the modulus 11 check digit";
  }
  return std::nullopt;
}

std::optional<std::string> snomedIdProblem(std::string_view value, bool description) {
  const std::string v(value);
  if (value.size() < 6 || value.size() > 18 || !allDigits(value) || value[0] == '0') {
    return "'" + v + "' is not a SNOMED CT identifier (6 to 18 digits, no leading zero)";
  }
  if (!verhoeffValid(value)) return "SNOMED CT identifier '" + v + "' fails the Verhoeff check digit";
  const auto partition = value.substr(value.size() - 3, 2);
  const bool concept_ = partition == "00" || partition == "10";
  const bool desc = partition == "01" || partition == "11";
  if (description ? !desc : !concept_) {
    return "SNOMED CT identifier '" + v + "' has partition " + std::string(partition) + ", not a " +
           (description ? "description" : "concept") + " id";
  }
  return std::nullopt;
}

}  // namespace gpc::fhir
