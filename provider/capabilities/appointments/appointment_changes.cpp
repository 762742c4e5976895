#include "provider/capabilities/appointments/appointment_changes.h"

#include "provider/capabilities/appointments/booking.h"

namespace gpc::provider::appointments {
namespace {

using nlohmann::json;

server::Response withEtag(const Stored& stored, int status = 200) {
  server::Response r;
  r.status = status;
  r.headers.emplace_back("ETag", "W/\"" + std::to_string(stored.version) + "\"");
  r.body = stored.resource;
  return r;
}

bool inThePast(const json& appointment, Instant now) {
  const auto start = parseDateTime(appointment.value("start", ""));
  return start && *start <= now;
}

// The appointment reduced to what neither the change nor the server's bookkeeping may touch.
// Elements the provider populates (serviceCategory, serviceType, its own extensions) may be
// left out by a consumer that did not read them back first (the official backwards
// compatibility scenarios), so they are compared only when the request carries them.
json fixedPart(json appointment, const json& request, Change change) {
  for (const char* k : {"meta", "id", "text"}) appointment.erase(k);
  if (change == Change::Amend) {
    appointment.erase("description");
    appointment.erase("comment");
  } else {
    appointment.erase("status");
  }
  for (const char* k : {"serviceCategory", "serviceType"})
    if (!request.contains(k)) appointment.erase(k);
  json extensions = json::array();
  const std::string requestExtensions = request.value("extension", json::array()).dump();
  for (const auto& e : appointment.value("extension", json::array())) {
    const std::string url = e.value("url", "");
    if (change == Change::Cancel && url == kCancellationReasonUrl) continue;
    const bool providerOwned = url == kDeliveryChannelUrl || url == kPractitionerRoleUrl;
    if (providerOwned && requestExtensions.find(url) == std::string::npos) continue;
    extensions.push_back(e);
  }
  appointment.erase("extension");
  if (!extensions.empty()) appointment["extension"] = extensions;
  return appointment;
}

std::string cancellationReason(const json& appointment) {
  for (const auto& e : appointment.value("extension", json::array()))
    if (e.is_object() && e.value("url", "") == kCancellationReasonUrl && e.contains("valueString") &&
        e["valueString"].is_string())
      return e["valueString"];
  return "";
}

std::optional<int> ifMatchVersion(const server::Request& request) {
  const auto v = request.header("If-Match");
  if (!v) return std::nullopt;
  // W/"3" (or a strong "3"): anything else cannot match a version, so it is a conflict too.
  std::string s = *v;
  if (s.rfind("W/", 0) == 0) s.erase(0, 2);
  if (s.size() < 3 || s.front() != '"' || s.back() != '"') return -1;
  try {
    return std::stoi(s.substr(1, s.size() - 2));
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace

server::Response readAppointment(const AppointmentContext& ctx, const std::string& id) {
  const auto stored = ctx.book.find(id);
  if (!stored) return fail(ctx, "NO_RECORD_FOUND", "no appointment with id " + id);
  if (inThePast(stored->resource, ctx.now))
    return fail(ctx, "NO_RECORD_FOUND", "Appointment/" + id + " is in the past (only future appointments can be read)");
  return withEtag(*stored);
}

server::Response changeAppointment(const AppointmentContext& ctx, const std::string& id, const server::Request& request,
                                   const json& body, Change change) {
  const auto current = ctx.book.find(id);
  if (!current) return fail(ctx, "NO_RECORD_FOUND", "no appointment with id " + id);
  if (auto problem = appointmentShapeProblem(body); !problem.empty()) return fail(ctx, "INVALID_RESOURCE", problem);
  if (body.value("id", "") != id)
    return fail(ctx, "INVALID_RESOURCE", "id: the Appointment's id must be the id in the URL (" + id + ")");
  if (const auto wanted = ifMatchVersion(request); wanted && *wanted != current->version && !ctx.fault("if-match-ignored"))
    return fail(ctx, "FHIR_CONSTRAINT_VIOLATION", "If-Match " + request.header("If-Match").value_or("") +
                                                      " is not the appointment's current version W/\"" +
                                                      std::to_string(current->version) + "\"");
  if (current->resource.value("status", "") == "cancelled" && !ctx.fault("cancelled-appointment-changed"))
    return fail(ctx, "INVALID_RESOURCE", "Appointment/" + id + " is cancelled and cannot be changed");
  if (inThePast(current->resource, ctx.now))
    return fail(ctx, "INVALID_RESOURCE", "Appointment/" + id + " is in the past and cannot be changed");

  json updated = current->resource;
  if (change == Change::Cancel) {
    if (body.value("status", "") != "cancelled")
      return fail(ctx, "INVALID_RESOURCE", "status: a cancellation must set status to cancelled");
    const std::string reason = cancellationReason(body);
    if (reason.empty())
      return fail(ctx, "INVALID_PARAMETER", "extension: the AppointmentCancellationReason-1 extension with a valueString is required");
    if (fixedPart(body, body, change) != fixedPart(current->resource, body, change) &&
        !ctx.fault("cancel-other-changes-accepted"))
      return fail(ctx, "INVALID_RESOURCE", "a cancellation may change only status and the cancellation reason");
    if (ctx.fault("cancel-other-changes-accepted")) updated = body;
    updated["status"] = "cancelled";
    if (!ctx.fault("cancellation-reason-dropped"))
      updated["extension"].push_back({{"url", kCancellationReasonUrl}, {"valueString", reason}});
  } else {
    if (body.value("status", "") == "cancelled")
      return fail(ctx, "INVALID_RESOURCE", "status: use the cancel interaction to cancel an appointment");
    if (fixedPart(body, body, change) != fixedPart(current->resource, body, change) &&
        !ctx.fault("amend-any-field-accepted"))
      return fail(ctx, "INVALID_RESOURCE", "only description and comment can be amended");
    if (ctx.fault("amend-any-field-accepted")) updated = body;
    for (const char* k : {"description", "comment"}) {
      if (body.contains(k)) updated[k] = body[k];
      else updated.erase(k);
    }
  }
  updated["meta"] = current->resource["meta"];
  Stored stored;
  const bool freeSlots = change == Change::Cancel && !ctx.fault("slot-not-freed-on-cancel");
  switch (ctx.book.replace(id, current->version, updated, !ctx.fault("appointment-version-unchanged"), freeSlots, stored)) {
    case UpdateOutcome::NotFound:
      return fail(ctx, "NO_RECORD_FOUND", "no appointment with id " + id);
    case UpdateOutcome::VersionConflict:
      return fail(ctx, "FHIR_CONSTRAINT_VIOLATION", "Appointment/" + id + " was changed by another request meanwhile");
    case UpdateOutcome::Updated:
      break;
  }
  return withEtag(stored);
}

}  // namespace gpc::provider::appointments
