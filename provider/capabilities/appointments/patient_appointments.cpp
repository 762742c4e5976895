#include "provider/capabilities/appointments/patient_appointments.h"

#include "provider/capabilities/appointments/slot_search.h"

namespace gpc::provider::appointments {

using nlohmann::json;

server::Response searchPatientAppointments(const AppointmentContext& ctx, const std::string& patientId,
                                           const server::NameValues& query) {
  if (!ctx.service.pack.patientById(patientId) && !ctx.service.registrations.byId(patientId))
    return fail(ctx, "PATIENT_NOT_FOUND", "no patient with id " + patientId);
  std::optional<DateBound> from, to;
  for (const auto& [name, value] : query) {
    if (name != "start") continue;
    const auto bound = parseDateBound(value);
    if (!bound || !bound->wholeDate)
      return fail(ctx, "INVALID_PARAMETER", "start: '" + value + "' is not ge or le followed by a date yyyy-mm-dd (no time)");
    if (bound->prefix == "ge" && !from) from = bound;
    else if (bound->prefix == "le" && !to) to = bound;
    else return fail(ctx, "INVALID_PARAMETER", "start: '" + value + "' must be one start=ge<date> and one start=le<date>");
  }
  if (!from || !to)
    return fail(ctx, "INVALID_PARAMETER", "start: both start=ge<date> and start=le<date> are required");
  if (to->day < from->day) return fail(ctx, "INVALID_PARAMETER", "start: the le date is before the ge date");
  if (from->day < ctx.today && !ctx.fault("past-range-accepted"))
    return fail(ctx, "INVALID_PARAMETER", "start: the search range cannot request appointments in the past (before " +
                                              isoDate(ctx.today) + ")");
  std::vector<json> found;
  for (const auto& stored : ctx.book.forPatient(patientId)) {
    const auto start = parseDateTime(stored.resource.value("start", ""));
    if (!start) continue;
    const CivilDate day = ukDate(*start);
    if (day >= from->day && day <= to->day && day >= ctx.today) found.push_back(stored.resource);
  }
  server::Response r;
  r.body = foundations::searchset(ctx.service, found);
  return r;
}

}  // namespace gpc::provider::appointments
