#pragma once
// Read, amend and cancel an appointment (appointments_use_case_read_an_appointment,
// _amend_an_appointment, _cancel_an_appointment). Amend may change only description and
// comment; cancel only status (to cancelled) and the cancellation reason; both refuse
// cancelled and past appointments and a stale If-Match (409, development_general_api_guidance
// "Managing resource contention").

#include "provider/capabilities/appointments/appointment_context.h"
#include "provider/server/message.h"

namespace gpc::provider::appointments {

server::Response readAppointment(const AppointmentContext& ctx, const std::string& id);

enum class Change { Amend, Cancel };

// Faults honoured: if-match-ignored, cancelled-appointment-changed, amend-any-field-accepted,
// cancel-other-changes-accepted, appointment-version-unchanged,
// slot-not-freed-on-cancel, cancellation-reason-dropped.
server::Response changeAppointment(const AppointmentContext& ctx, const std::string& id, const server::Request& request,
                                   const nlohmann::json& body, Change change);

}  // namespace gpc::provider::appointments
