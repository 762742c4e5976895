#pragma once
// Search for free slots (appointments_use_case_search_for_free_slots): GET /Slot with start
// (ge) and end (le) at most 14 days apart, status=free, _include=Slot:schedule, the optional
// recursive includes and the booking organisation's searchFilter (ODS code, organisation type).

#include "provider/capabilities/appointments/appointment_context.h"
#include "provider/server/message.h"

namespace gpc::provider::appointments {

// Faults honoured: slot-range-unlimited, slot-partial-overlap-returned, schedule-location-missing,
// slot-include-schedule-not-required.
server::Response searchFreeSlots(const AppointmentContext& ctx, const server::NameValues& query);

// A search or appointment date bound: "ge2026-12-07" / "le2026-12-07T17:00:00+00:00".
struct DateBound {
  std::string prefix;  // "ge", "le", ... (two letters) or "" when the value starts with a digit
  bool wholeDate = false;
  Instant at = 0;      // the start of the day (UK local) for a whole date, else the instant
  CivilDate day;       // for a whole date
};
// nullopt when the value (after any two-letter prefix) is neither a whole date nor a complete
// dateTime with offset.
std::optional<DateBound> parseDateBound(std::string_view value);

}  // namespace gpc::provider::appointments
