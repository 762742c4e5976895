// Appointment Management 1.2.x (STU3): Search for free slots, book, read, amend and cancel an
// appointment, retrieve a patient's appointments, and their part of the CapabilityStatement.
#include "provider/capabilities/appointments/module.h"

#include <chrono>

#include "provider/capabilities/appointments/appointment_changes.h"
#include "provider/capabilities/appointments/booking.h"
#include "provider/capabilities/appointments/patient_appointments.h"
#include "provider/capabilities/appointments/slot_search.h"
#include "provider/capabilities/foundations/module.h"
#include "provider/server/capability_statement.h"

namespace gpc::provider::appointments {
namespace {

using nlohmann::json;
using server::Call;
using server::Response;

// The practice's sessions are fixed data, the same for every provider instance.
const SlotCalendar& practiceCalendar() {
  static const SlotCalendar calendar;
  return calendar;
}

AppointmentContext contextOf(const Call& call) {
  const Instant now = call.now != 0 ? call.now
                                    : std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count();
  return {foundations::serviceContextOf(call), *call.data.appointmentBook, practiceCalendar(), now, ukDate(now)};
}

json searchParam(const char* name, const char* type) { return {{"name", name}, {"type", type}}; }

json capabilityStatement(const std::set<std::string>& faults) {
  json cs = server::stu3CapabilityStatement("GP Connect", faults);
  cs["profile"] = server::capabilityProfiles({"GPConnect-Appointment-1", "GPConnect-Slot-1", "GPConnect-Schedule-1"});
  if (server::hasFault(faults, "capability-appointments-missing")) {
    cs["rest"] = json::array({{{"mode", "server"}, {"resource", json::array()}}});
    return cs;
  }
  json slot = server::capabilityResource(
      "Slot", {"search-type"},
      json::array({searchParam("start", "date"), searchParam("end", "date"), searchParam("status", "token"),
                   searchParam("searchFilter", "token")}));
  slot["searchInclude"] = {"Slot:schedule", "Schedule:actor:Practitioner", "Schedule:actor:Location",
                           "Location:managingOrganization"};
  json appointment = server::capabilityResource("Appointment", {"read", "update", "create", "search-type"},
                                                json::array({searchParam("start", "date")}));
  cs["rest"] = json::array({{{"mode", "server"},
                             {"resource", json::array({slot, appointment})}}});
  return cs;
}

const std::vector<FaultInfo>& faults() {
  static const std::vector<FaultInfo> all = {
      {"slot-range-unlimited", "slot search accepts a start-end range of more than 14 days",
       "appointments_use_case_search_for_free_slots#error-handling (range greater than two weeks => error)"},
      {"slot-partial-overlap-returned", "slot search also returns free slots that straddle start or end",
       "appointments_use_case_search_for_free_slots#payload-response-body (slots fall fully within the range)"},
      {"slot-include-schedule-not-required", "slot search without _include=Slot:schedule is served",
       "appointments_use_case_search_for_free_slots#error-handling (_include=Slot:schedule absent => error)"},
      {"schedule-location-missing", "Schedules carry no Location actor",
       "development_branch_surgeries (every Schedule has the Location of the surgery, main or branch)"},
      {"slot-double-booking", "booking does not consume the slots: they stay free and can be booked again",
       "appointments_use_case_book_an_appointment#error-handling (409 DUPLICATE_REJECTED for slots no longer free)"},
      {"slot-not-freed-on-cancel", "cancelling leaves the appointment's slots busy",
       "appointments_use_case_cancel_an_appointment#payload-response-body (Slot.status reflects the cancellation)"},
      {"appointment-reason-accepted", "a booking with reason or specialty is accepted",
       "appointments_use_case_book_an_appointment#error-handling (reason/specialty => error)"},
      {"booking-organisation-dropped", "booked appointments lose the contained booking Organization and its extension",
       "appointments_use_case_book_an_appointment (bookingOrganisation SHALL be stored and returned)"},
      {"create-location-header-missing", "booking answers 201 without a Location header",
       "appointments_use_case_book_an_appointment#payload-response-body (SHALL return a Location header)"},
      {"amend-any-field-accepted", "amend accepts changes to elements other than description and comment",
       "appointments_use_case_amend_an_appointment#error-handling (422 INVALID_RESOURCE)"},
      {"cancel-other-changes-accepted", "cancel accepts changes beyond status and the cancellation reason",
       "appointments_use_case_cancel_an_appointment#error-handling"},
      {"cancelled-appointment-changed", "a cancelled appointment can be amended or cancelled again",
       "appointments_use_case_amend_an_appointment#error-handling (cancelled => 422 INVALID_RESOURCE)"},
      {"cancellation-reason-dropped", "the cancelled appointment does not carry the cancellation reason",
       "appointments_use_case_cancel_an_appointment#payload-response-body (cancellation-reason updated)"},
      {"if-match-ignored", "amend and cancel ignore a stale If-Match version",
       "development_general_api_guidance#managing-resource-contention (409 when If-Match does not match)"},
      {"appointment-version-unchanged", "amend and cancel keep the appointment's versionId",
       "appointments_use_case_cancel_an_appointment#payload-response-body (versionId of the current version)"},
      {"past-range-accepted", "patient appointment search accepts a date range in the past",
       "appointments_use_case_retrieve_a_patients_appointments#error-handling"},
      {"capability-appointments-missing", "the CapabilityStatement lists no Slot, Appointment or Schedule resource",
       "foundations_use_case_get_the_fhir_capability_statement (Foundations and Appointments statement)"},
  };
  return all;
}

const std::string& id(const Call& call) { return call.ids.front(); }

}  // namespace

const server::CapabilityModule& appointmentsModule() {
  static const server::CapabilityModule module{
      "foundations",
      "STU3/1/gpconnect",
      server::FhirGeneration::Stu3,
      {
          {"GET", "Slot", "organization/*.read", {{"urn:nhs:names:services:gpconnect:fhir:rest:search:slot-1"}},
           [](const Call& c) { return searchFreeSlots(contextOf(c), c.request.query); }},
          {"POST", "Appointment", "patient/*.write", {{"urn:nhs:names:services:gpconnect:fhir:rest:create:appointment-1"}},
           [](const Call& c) { return bookAppointment(contextOf(c), c.body); }},
          {"GET", "Appointment/{id}", "patient/*.read", {{"urn:nhs:names:services:gpconnect:fhir:rest:read:appointment-1"}},
           [](const Call& c) { return readAppointment(contextOf(c), id(c)); }},
          // Amend and cancel share the route; the interaction id says which rules apply.
          {"PUT", "Appointment/{id}", "patient/*.write",
           {{"urn:nhs:names:services:gpconnect:fhir:rest:update:appointment-1"},
            {"urn:nhs:names:services:gpconnect:fhir:rest:cancel:appointment-1"}},
           [](const Call& c) {
             const Change change = c.interaction.id.ends_with(":cancel:appointment-1") ? Change::Cancel : Change::Amend;
             return changeAppointment(contextOf(c), id(c), c.request, c.body, change);
           }},
          {"GET", "Patient/{id}/Appointment", "patient/*.read",
           {{"urn:nhs:names:services:gpconnect:fhir:rest:search:patient_appointments-1"}},
           [](const Call& c) { return searchPatientAppointments(contextOf(c), id(c), c.request.query); }},
      },
      capabilityStatement,
      faults,
  };
  return module;
}

}  // namespace gpc::provider::appointments
