#include "provider/records/snomed.h"

#include <cctype>

namespace gpc::provider::records {
namespace {

constexpr int kMultiply[10][10] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
constexpr int kPermute[8][10] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

bool wellFormed(std::string_view id) {
  if (id.size() < 6 || id.size() > 18 || id[0] == '0') return false;
  for (char c : id) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return verhoeffValid(id);
}

}  // namespace

bool verhoeffValid(std::string_view digits) {
  int c = 0;
  size_t i = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++i) {
    if (!std::isdigit(static_cast<unsigned char>(*it))) return false;
    c = kMultiply[c][kPermute[i % 8][*it - '0']];
  }
  return !digits.empty() && c == 0;
}

bool isSnomedId(std::string_view id) {
  if (!wellFormed(id)) return false;
  const char partition = id[id.size() - 2];  // 0/1 = concept, 1/1 description, 2 relationship
  return partition == '0' || partition == '1' || partition == '2';
}

bool isSnomedConceptId(std::string_view id) { return isSnomedId(id) && id[id.size() - 2] == '0'; }

}  // namespace gpc::provider::records
