#pragma once
// The practice's appointment book as a calendar: a fixed set of Schedules (each at one of the
// practice's surgeries, main or branch, most with a practitioner) whose sessions repeat every
// day, cut into slots. Slots are computed, not stored, so the calendar rolls forward with the
// date for as long as the provider runs; only bookings are state (appointment_book.h).
//
// A slot's logical id names its schedule and its UK local start ("1-20261207-0915"), so any slot
// id can be checked and turned back into the slot without a table.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "provider/capabilities/appointments/appointment_time.h"

namespace gpc::provider::appointments {

// Who may book a schedule's slots (appointments_provider_sys_slot_availability: slots may be
// restricted to booking organisations by ODS code or by organisation type).
struct BookingRestriction {
  std::string odsCode;  // non-empty: only this booking organisation
  std::string orgType;  // non-empty: only organisations of this GPConnect-OrganisationType-1 code
  bool restricted() const { return !odsCode.empty() || !orgType.empty(); }
};

struct ScheduleDef {
  std::string id;
  std::string locationId;      // a Location of the data pack managed by the practice
  std::string practitionerId;  // empty: a schedule without a practitioner (e.g. a clinic room)
  std::string serviceCategory; // Schedule.serviceCategory.text (the session name)
  std::string serviceType;     // Slot.serviceType.text (the slot type)
  std::string deliveryChannel; // Extension-GPConnect-DeliveryChannel-2 code
  int firstMinute;             // session start, minutes past local midnight
  int sessionMinutes;
  int slotMinutes;
  BookingRestriction restriction;
};

struct SlotKey {
  const ScheduleDef* schedule = nullptr;
  CivilDate day;
  int startMinute = 0;  // minutes past local midnight
  Instant start() const { return ukWallClock(day, startMinute); }
  Instant end() const { return ukWallClock(day, startMinute + schedule->slotMinutes); }
  std::string id() const;
};

// How far the calendar reaches around the current day: searches in the past are allowed
// (the search page does not forbid them), booking them is not.
inline constexpr int kDaysBack = 7;
inline constexpr int kDaysAhead = 28;

class SlotCalendar {
 public:
  SlotCalendar();
  const std::vector<ScheduleDef>& schedules() const { return schedules_; }
  const ScheduleDef* schedule(std::string_view id) const;
  // The slot an id names, if it is a slot of this calendar within its reach of `today`.
  std::optional<SlotKey> slot(std::string_view id, const CivilDate& today) const;
  // Every slot lying wholly in [from, to], within reach of `today`, in start order per schedule.
  std::vector<SlotKey> slotsBetween(Instant from, Instant to, const CivilDate& today) const;

 private:
  std::vector<ScheduleDef> schedules_;
};

inline constexpr std::string_view kSlotProfile = "https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Slot-1";
inline constexpr std::string_view kScheduleProfile = "https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Schedule-1";
inline constexpr std::string_view kDeliveryChannelUrl =
    "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-DeliveryChannel-2";
inline constexpr std::string_view kPractitionerRoleUrl =
    "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-PractitionerRole-1";
inline constexpr std::string_view kOrganisationTypeSystem =
    "https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1";

// The Slot resource (GPConnect-Slot-1) with its status and versionId.
nlohmann::json slotResource(const SlotKey& slot, bool free, int version);
// Extension-GPConnect-PractitionerRole-1 of a schedule's practitioner (every schedule's
// practitioner in the data pack is a General Medical Practitioner, SDS job role R0260).
nlohmann::json practitionerRoleExtension();
// The Schedule resource (GPConnect-Schedule-1); planningHorizon covers the calendar's reach.
nlohmann::json scheduleResource(const ScheduleDef& schedule, const CivilDate& today);

}  // namespace gpc::provider::appointments
