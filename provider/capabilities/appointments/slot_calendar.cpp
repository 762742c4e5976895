#include "provider/capabilities/appointments/slot_calendar.h"

#include <cstdio>

namespace gpc::provider::appointments {
namespace {

using nlohmann::json;

bool withinReach(const CivilDate& day, const CivilDate& today) {
  const auto d = daysSinceEpoch(day), t = daysSinceEpoch(today);
  return d >= t - kDaysBack && d <= t + kDaysAhead;
}

}  // namespace

std::string SlotKey::id() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d-%02d%02d", day.year, day.month, day.day, startMinute / 60,
                startMinute % 60);
  return schedule->id + "-" + buf;
}

SlotCalendar::SlotCalendar()
    // Locations 1 (main surgery), 2 and 4 (branch surgeries) and practitioners 1-3 are the data
    // pack's (fixtures/datapack); a schedule at every surgery lets suites follow branch surgeries.
    : schedules_{
          {"1", "1", "1", "General GP Appointments", "General GP Appointment", "In-person", 9 * 60, 180, 15, {}},
          {"2", "2", "2", "Telephone Consultations", "Telephone Appointment", "Telephone", 14 * 60, 180, 20, {}},
          {"3", "4", "", "Urgent Care Clinic", "Urgent Care Appointment", "In-person", 10 * 60, 120, 30,
           {"", "urgent-care"}},
          {"4", "1", "3", "Extended Access", "Video Consultation", "Video", 17 * 60, 60, 15, {"R1A14", ""}},
      } {}

const ScheduleDef* SlotCalendar::schedule(std::string_view id) const {
  for (const auto& s : schedules_)
    if (s.id == id) return &s;
  return nullptr;
}

std::optional<SlotKey> SlotCalendar::slot(std::string_view id, const CivilDate& today) const {
  const auto dash = id.find('-');
  if (dash == std::string_view::npos || id.size() != dash + 14 || id[dash + 9] != '-') return std::nullopt;
  const ScheduleDef* s = schedule(id.substr(0, dash));
  if (!s) return std::nullopt;
  const std::string_view ymd = id.substr(dash + 1, 8), hm = id.substr(dash + 10, 4);
  const std::string iso = std::string(ymd.substr(0, 4)) + "-" + std::string(ymd.substr(4, 2)) + "-" +
                          std::string(ymd.substr(6, 2));
  const auto day = parseDate(iso);
  if (!day || !withinReach(*day, today)) return std::nullopt;
  for (char c : hm)
    if (c < '0' || c > '9') return std::nullopt;
  const int minute = std::stoi(std::string(hm.substr(0, 2))) * 60 + std::stoi(std::string(hm.substr(2, 2)));
  const int offset = minute - s->firstMinute;
  if (offset < 0 || offset + s->slotMinutes > s->sessionMinutes || offset % s->slotMinutes != 0) return std::nullopt;
  return SlotKey{s, *day, minute};
}

std::vector<SlotKey> SlotCalendar::slotsBetween(Instant from, Instant to, const CivilDate& today) const {
  std::vector<SlotKey> out;
  if (to < from) return out;
  const CivilDate first = ukDate(from), last = ukDate(to);
  for (const auto& s : schedules_)
    for (CivilDate day = first; day <= last; day = addDays(day, 1)) {
      if (!withinReach(day, today)) continue;
      for (int m = s.firstMinute; m + s.slotMinutes <= s.firstMinute + s.sessionMinutes; m += s.slotMinutes) {
        const SlotKey key{&s, day, m};
        if (key.start() >= from && key.end() <= to) out.push_back(key);
      }
    }
  return out;
}

json slotResource(const SlotKey& slot, bool free, int version) {
  return {{"resourceType", "Slot"},
          {"id", slot.id()},
          {"meta", {{"versionId", std::to_string(version)}, {"profile", {kSlotProfile}}}},
          {"extension", {{{"url", kDeliveryChannelUrl}, {"valueCode", slot.schedule->deliveryChannel}}}},
          {"serviceType", {{{"text", slot.schedule->serviceType}}}},
          {"schedule", {{"reference", "Schedule/" + slot.schedule->id}}},
          {"status", free ? "free" : "busy"},
          {"start", ukLocalDateTime(slot.start())},
          {"end", ukLocalDateTime(slot.end())}};
}

json practitionerRoleExtension() {
  json coding = {{"system", "https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-SDSJobRoleName-1"},
                 {"code", "R0260"},
                 {"display", "General Medical Practitioner"}};
  json role = {{"coding", json::array({coding})}};
  return {{"url", kPractitionerRoleUrl}, {"valueCodeableConcept", role}};
}

json scheduleResource(const ScheduleDef& s, const CivilDate& today) {
  json actors = {{{"reference", "Location/" + s.locationId}}};
  json schedule = {{"resourceType", "Schedule"},
                   {"id", s.id},
                   {"meta", {{"versionId", "1"}, {"profile", {kScheduleProfile}}}}};
  if (!s.practitionerId.empty()) {
    actors.push_back({{"reference", "Practitioner/" + s.practitionerId}});
    schedule["extension"] = json::array({practitionerRoleExtension()});
  }
  schedule["serviceCategory"] = {{"text", s.serviceCategory}};
  schedule["actor"] = actors;
  schedule["planningHorizon"] = {{"start", ukLocalDateTime(ukWallClock(addDays(today, -kDaysBack), 0))},
                                 {"end", ukLocalDateTime(ukWallClock(addDays(today, kDaysAhead + 1), 0))}};
  return schedule;
}

}  // namespace gpc::provider::appointments
