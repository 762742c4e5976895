#pragma once
// The GP Connect volume and performance limits (development_api_volume_and_performance):
// command interactions (side effects, e.g. register a patient) SHALL answer in under 250 ms and
// SHOULD in under 100 ms; query interactions (reads, searches, get structured record) SHALL in
// under 3,000 ms and SHOULD in under 1,000 ms, also under load. The spec names no percentile,
// so the limits hold for every call.

#include <optional>
#include <string>
#include <string_view>

namespace gpc::latency {

enum class InteractionKind { Query, Command };

struct Budget {
  double shallMs = 0;   // at or over this: a failed check
  double shouldMs = 0;  // at or over this (and under shallMs): a warning
};

Budget budgetFor(InteractionKind kind);

std::string toString(InteractionKind kind);  // "query", "command"
std::optional<InteractionKind> parseKind(std::string_view text);

// Where an answer of `ms` stands against its budget.
enum class Standing { Within, OverShould, OverShall };
Standing judge(const Budget& budget, double ms);

}  // namespace gpc::latency
