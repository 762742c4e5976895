#pragma once
// Book an appointment (appointments_use_case_book_an_appointment): POST /Appointment with the
// booking organisation contained, the patient and location participants and one or more
// adjacent free slots of one schedule. 201 with Location and ETag; the slots become busy.

#include "provider/capabilities/appointments/appointment_context.h"
#include "provider/server/message.h"

namespace gpc::provider::appointments {

// Faults honoured: slot-double-booking, appointment-reason-accepted, booking-organisation-dropped,
// create-location-header-missing.
server::Response bookAppointment(const AppointmentContext& ctx, const nlohmann::json& appointment);

// Why `appointment` is not a GPConnect-Appointment-1 a consumer may send ("" when it is):
// unknown or forbidden elements, missing mandatory ones, participants without actors, absolute
// references, a booking organisation that is not a contained Organization with ODS code, name
// and telecom. Shared by book, amend and cancel. reason/specialty are judged separately.
std::string appointmentShapeProblem(const nlohmann::json& appointment);

// The booking organisation: the contained Organization the BookingOrganisation extension
// references, or null.
const nlohmann::json* bookingOrganisation(const nlohmann::json& appointment);

inline constexpr std::string_view kBookingOrganisationUrl =
    "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-BookingOrganisation-1";
inline constexpr std::string_view kCancellationReasonUrl =
    "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-AppointmentCancellationReason-1";

}  // namespace gpc::provider::appointments
