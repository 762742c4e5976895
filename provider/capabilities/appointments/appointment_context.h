#pragma once
// What an Appointment Management handler needs: the Foundations service context (data pack,
// faults, service root, the searchset and error builders), the process's appointment book, the
// practice's slot calendar and the current time.

#include <set>
#include <string>

#include "provider/capabilities/appointments/appointment_book.h"
#include "provider/capabilities/appointments/appointment_time.h"
#include "provider/capabilities/appointments/slot_calendar.h"
#include "provider/capabilities/foundations/service_context.h"
#include "provider/server/faults.h"

namespace gpc::provider::appointments {

struct AppointmentContext {
  foundations::ServiceContext service;
  AppointmentBook& book;
  const SlotCalendar& calendar;
  Instant now;
  CivilDate today;  // UK local date of `now`

  bool fault(const char* name) const { return server::hasFault(service.faults, name); }
};

inline server::Response fail(const AppointmentContext& ctx, std::string_view code, std::string diagnostics) {
  return foundations::error(ctx.service, code, std::move(diagnostics));
}

inline constexpr std::string_view kAppointmentProfile =
    "https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Appointment-1";

}  // namespace gpc::provider::appointments
