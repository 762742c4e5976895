#include "provider/capabilities/appointments/booking.h"

#include <set>

namespace gpc::provider::appointments {
namespace {

using nlohmann::json;

// STU3 Appointment's elements; the profile sets the ones below kNotAllowed to 0..0.
const std::set<std::string> kAppointmentElements = {
    "resourceType", "id", "meta", "implicitRules", "language", "text", "contained", "extension",
    "modifierExtension", "identifier", "status", "serviceCategory", "serviceType", "specialty",
    "appointmentType", "reason", "indication", "priority", "description", "supportingInformation",
    "start", "end", "minutesDuration", "slot", "created", "comment", "incomingReferral", "participant",
    "requestedPeriod"};
const std::set<std::string> kNotAllowed = {"appointmentType", "indication", "supportingInformation",
                                           "incomingReferral", "requestedPeriod"};

bool isRelativeReference(const std::string& ref, std::string_view type) {
  return ref.rfind(std::string(type) + "/", 0) == 0 && ref.size() > type.size() + 1 &&
         ref.find('/', type.size() + 1) == std::string::npos;
}

std::string participantProblem(const json& appointment, bool& hasPatient, bool& hasLocation) {
  const json participants = appointment.value("participant", json::array());
  if (!participants.is_array() || participants.empty()) return "participant: at least the patient and the location are required";
  for (const auto& p : participants) {
    if (!p.is_object() || !p.contains("actor") || !p["actor"].is_object() || !p["actor"].contains("reference"))
      return "participant: every participant needs an actor reference";
    if (!p.contains("status") || !p["status"].is_string()) return "participant: every participant needs a status";
    const std::string ref = p["actor"]["reference"].is_string() ? p["actor"]["reference"].get<std::string>() : "";
    bool known = false;
    for (const char* type : {"Patient", "Location", "Practitioner", "Device", "HealthcareService", "RelatedPerson"})
      if (isRelativeReference(ref, type)) {
        known = true;
        if (std::string_view(type) == "Patient") hasPatient = true;
        if (std::string_view(type) == "Location") hasLocation = true;
      }
    if (!known) return "participant.actor.reference: '" + ref + "' is not a relative reference (Type/id)";
  }
  return "";
}

json withProviderFields(json appointment, const ScheduleDef& schedule, bool dropBookingOrganisation) {
  appointment["meta"] = {{"profile", {kAppointmentProfile}}};
  appointment["serviceCategory"] = {{"text", schedule.serviceCategory}};
  appointment["serviceType"] = {{{"text", schedule.serviceType}}};
  json extensions = json::array();
  for (const auto& e : appointment.value("extension", json::array())) {
    const std::string url = e.value("url", "");
    if (url == kDeliveryChannelUrl || url == kPractitionerRoleUrl) continue;  // the provider's to set
    if (dropBookingOrganisation && url == kBookingOrganisationUrl) continue;
    extensions.push_back(e);
  }
  extensions.push_back({{"url", kDeliveryChannelUrl}, {"valueCode", schedule.deliveryChannel}});
  if (!schedule.practitionerId.empty())
    extensions.push_back(practitionerRoleExtension());
  appointment["extension"] = extensions;
  if (dropBookingOrganisation) appointment.erase("contained");
  return appointment;
}

// The slots an appointment books: they must exist, belong to one schedule, follow one another
// and span exactly the appointment's start and end.
std::string slotProblem(const AppointmentContext& ctx, const json& appointment, std::vector<SlotKey>& slots,
                        std::string& code) {
  code = "INVALID_RESOURCE";
  for (const auto& id : slotIdsOf(appointment)) {
    const auto key = ctx.calendar.slot(id, ctx.today);
    if (!key) {
      code = "REFERENCE_NOT_FOUND";
      return "Reference to Slot/" + id + " - no such slot exists at the server";
    }
    if (!slots.empty() && (key->schedule != slots.back().schedule || key->start() != slots.back().end()))
      return "slot: Slot/" + id + " is not adjacent to the slot before it in the same schedule";
    slots.push_back(*key);
  }
  const auto start = parseDateTime(appointment.value("start", "")), end = parseDateTime(appointment.value("end", ""));
  if (*start != slots.front().start() || *end != slots.back().end())
    return "start, end: the appointment must start when its first slot starts and end when its last slot ends";
  return "";
}

// Whether the booking organisation is the one (ODS code) or of the kind (organisation type) the
// slots are kept for (appointments_provider_sys_slot_availability).
bool bookableBy(const BookingRestriction& restriction, const json& organisation) {
  bool ods = restriction.odsCode.empty(), type = restriction.orgType.empty();
  for (const auto& id : organisation.value("identifier", json::array()))
    ods = ods || (id.value("system", "") == "https://fhir.nhs.uk/Id/ods-organization-code" &&
                  id.value("value", "") == restriction.odsCode);
  for (const auto& t : organisation.value("type", json::array()))
    for (const auto& c : t.value("coding", json::array()))
      type = type || (c.value("system", "") == kOrganisationTypeSystem && c.value("code", "") == restriction.orgType);
  return ods && type;
}

}  // namespace

const json* bookingOrganisation(const json& appointment) {
  for (const auto& e : appointment.value("extension", json::array())) {
    if (!e.is_object() || e.value("url", "") != kBookingOrganisationUrl) continue;
    const std::string ref = e.value("valueReference", json::object()).value("reference", "");
    if (ref.size() < 2 || ref[0] != '#') return nullptr;
    if (!appointment.contains("contained") || !appointment["contained"].is_array()) return nullptr;
    // Points into `appointment` itself, so the caller may keep it while `appointment` lives.
    for (const auto& c : appointment["contained"])
      if (c.is_object() && c.value("resourceType", "") == "Organization" && c.value("id", "") == ref.substr(1)) return &c;
  }
  return nullptr;
}

std::string appointmentShapeProblem(const json& a) {
  if (!a.is_object() || a.value("resourceType", "") != "Appointment") return "the body is not an Appointment resource";
  for (const auto& [key, value] : a.items()) {
    if (!kAppointmentElements.count(key)) return "'" + key + "' is not an element of Appointment";
    if (kNotAllowed.count(key)) return "'" + key + "' is not allowed by GPConnect-Appointment-1";
  }
  for (const char* required : {"status", "start", "end", "slot", "description", "created"})
    if (!a.contains(required)) return std::string(required) + ": is required";
  if (!a["status"].is_string()) return "status: must be a code";
  for (const char* instant : {"start", "end", "created"})
    if (!a[instant].is_string() || !parseDateTime(a[instant].get<std::string>()))
      return std::string(instant) + ": must be a dateTime yyyy-mm-ddThh:mm:ss+hh:mm";
  if (!a["description"].is_string() || a["description"].get<std::string>().empty())
    return "description: must be a non-empty string";
  if (!a["slot"].is_array() || a["slot"].empty()) return "slot: at least one slot is required";
  for (const auto& s : a["slot"])
    if (!s.is_object() || !isRelativeReference(s.value("reference", ""), "Slot"))
      return "slot: every slot must be a relative reference Slot/id";
  bool hasPatient = false, hasLocation = false;
  if (auto p = participantProblem(a, hasPatient, hasLocation); !p.empty()) return p;
  if (!hasPatient) return "participant: a patient participant is required";
  if (!hasLocation) return "participant: a location participant is required";
  const json* org = bookingOrganisation(a);
  if (!org) return "extension: the BookingOrganisation extension must reference a contained Organization";
  bool ods = false;
  for (const auto& id : org->value("identifier", json::array()))
    if (id.value("system", "") == "https://fhir.nhs.uk/Id/ods-organization-code" && !id.value("value", "").empty()) ods = true;
  if (!ods) return "contained Organization: an ODS code identifier is required";
  if (!org->contains("name")) return "contained Organization: name is required";
  if (!org->contains("telecom")) return "contained Organization: telecom is required";
  return "";
}

server::Response bookAppointment(const AppointmentContext& ctx, const json& appointment) {
  if (auto problem = appointmentShapeProblem(appointment); !problem.empty())
    return fail(ctx, "INVALID_RESOURCE", problem);
  if ((appointment.contains("reason") || appointment.contains("specialty")) && !ctx.fault("appointment-reason-accepted"))
    return fail(ctx, "INVALID_RESOURCE", "reason and specialty must not be sent (book an appointment)");
  if (appointment["status"] != "booked") return fail(ctx, "INVALID_RESOURCE", "status: a new appointment must be booked");
  const std::string patientId = patientIdOf(appointment);
  if (!ctx.service.pack.patientById(patientId) && !ctx.service.registrations.byId(patientId))
    return fail(ctx, "REFERENCE_NOT_FOUND", "Reference to Patient/" + patientId + " - no such patient");
  std::vector<SlotKey> slots;
  std::string code;
  if (auto problem = slotProblem(ctx, appointment, slots, code); !problem.empty()) return fail(ctx, code, problem);
  if (slots.front().start() <= ctx.now)
    return fail(ctx, "INVALID_RESOURCE", "start: appointments can only be booked in the future");
  const BookingRestriction& restriction = slots.front().schedule->restriction;
  if (restriction.restricted()) {
    if (!bookableBy(restriction, *bookingOrganisation(appointment)))
      return fail(ctx, "INVALID_RESOURCE", "slot: the slots of Schedule/" + slots.front().schedule->id +
                                               " are not bookable by this booking organisation");
  }
  std::vector<std::string> slotIds;
  for (const auto& s : slots) slotIds.push_back(s.id());
  Stored stored;
  const json resource = withProviderFields(appointment, *slots.front().schedule, ctx.fault("booking-organisation-dropped"));
  if (ctx.book.book(resource, slotIds, !ctx.fault("slot-double-booking"), stored) == BookOutcome::SlotTaken)
    return fail(ctx, "DUPLICATE_REJECTED", "slot: one or more of the slots is no longer free");
  server::Response r;
  r.status = 201;
  const std::string version = std::to_string(stored.version);
  if (!ctx.fault("create-location-header-missing"))
    r.headers.emplace_back("Location", ctx.service.baseUrl + "/Appointment/" + stored.resource["id"].get<std::string>() +
                                           "/_history/" + version);
  r.headers.emplace_back("ETag", "W/\"" + version + "\"");
  r.body = stored.resource;
  return r;
}

}  // namespace gpc::provider::appointments
