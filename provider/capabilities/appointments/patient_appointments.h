#pragma once
// Retrieve a patient's appointments (appointments_use_case_retrieve_a_patients_appointments):
// GET /Patient/{id}/Appointment?start=geYYYY-MM-DD&start=leYYYY-MM-DD, dates only, no part of
// the range in the past; every appointment starting in the range, cancelled ones included.

#include "provider/capabilities/appointments/appointment_context.h"
#include "provider/server/message.h"

namespace gpc::provider::appointments {

// Faults honoured: past-range-accepted.
server::Response searchPatientAppointments(const AppointmentContext& ctx, const std::string& patientId,
                                           const server::NameValues& query);

}  // namespace gpc::provider::appointments
