#pragma once
// The provider's data as the capability handlers share it: the data pack, the patients
// registered and the appointments booked since start-up and the clinical records, loaded once
// per provider instance.

#include <set>
#include <string>

#include "provider/capabilities/appointments/appointment_book.h"
#include "provider/capabilities/foundations/service_context.h"
#include "provider/datapack/data_pack.h"
#include "provider/records/datapack_directory.h"
#include "provider/records/record_store.h"

namespace gpc::provider::server {

struct CapabilityData {
  const datapack::DataPack& pack;
  foundations::Registrations& registrations;
  const records::DataPackDirectory& directory;
  const records::RecordStore* store = nullptr;  // null when the record fixtures did not load
  std::string storeProblem;                     // why, for the record operations to report
  std::set<std::string> disabledAreas;          // practice-wide clinical area switches
  appointments::AppointmentBook* appointmentBook = nullptr;  // the appointments booked since start-up
};

}  // namespace gpc::provider::server
