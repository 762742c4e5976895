#include "provider/capabilities/appointments/appointment_book.h"

namespace gpc::provider::appointments {

using nlohmann::json;

std::string patientIdOf(const json& appointment) {
  for (const auto& p : appointment.value("participant", json::array())) {
    const std::string ref = p.value("actor", json::object()).value("reference", "");
    if (ref.rfind("Patient/", 0) == 0) return ref.substr(8);
  }
  return "";
}

std::vector<std::string> slotIdsOf(const json& appointment) {
  std::vector<std::string> out;
  for (const auto& s : appointment.value("slot", json::array())) {
    const std::string ref = s.is_object() ? s.value("reference", "") : "";
    out.push_back(ref.rfind("Slot/", 0) == 0 ? ref.substr(5) : ref);
  }
  return out;
}

BookOutcome AppointmentBook::book(json appointment, const std::vector<std::string>& slotIds, bool consumeSlots,
                                  Stored& out) {
  std::lock_guard lock(mutex_);
  for (const auto& s : slotIds)
    if (bookedSlots_.count(s)) return BookOutcome::SlotTaken;
  const std::string id = std::to_string(nextId_++);
  appointment["id"] = id;
  appointment["meta"]["versionId"] = "1";
  if (consumeSlots)
    for (const auto& s : slotIds) {
      bookedSlots_[s] = id;
      ++slotVersions_[s];
    }
  out = appointments_[id] = Stored{std::move(appointment), 1};
  return BookOutcome::Booked;
}

std::optional<Stored> AppointmentBook::find(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = appointments_.find(id);
  if (it == appointments_.end()) return std::nullopt;
  return it->second;
}

UpdateOutcome AppointmentBook::replace(const std::string& id, int basedOn, json resource, bool bumpVersion,
                                       bool freeSlots, Stored& out) {
  std::lock_guard lock(mutex_);
  const auto it = appointments_.find(id);
  if (it == appointments_.end()) return UpdateOutcome::NotFound;
  if (it->second.version != basedOn) return UpdateOutcome::VersionConflict;
  const int version = bumpVersion ? basedOn + 1 : basedOn;
  resource["id"] = id;
  resource["meta"]["versionId"] = std::to_string(version);
  if (freeSlots)
    for (const auto& s : slotIdsOf(it->second.resource)) {
      const auto booked = bookedSlots_.find(s);
      if (booked != bookedSlots_.end() && booked->second == id) {
        bookedSlots_.erase(booked);
        ++slotVersions_[s];
      }
    }
  out = it->second = Stored{std::move(resource), version};
  return UpdateOutcome::Updated;
}

std::vector<Stored> AppointmentBook::forPatient(const std::string& patientId) const {
  std::lock_guard lock(mutex_);
  std::vector<Stored> out;
  for (const auto& [id, stored] : appointments_)
    if (patientIdOf(stored.resource) == patientId) out.push_back(stored);
  return out;
}

bool AppointmentBook::slotBusy(const std::string& slotId) const {
  std::lock_guard lock(mutex_);
  return bookedSlots_.count(slotId) > 0;
}

int AppointmentBook::slotVersion(const std::string& slotId) const {
  std::lock_guard lock(mutex_);
  const auto it = slotVersions_.find(slotId);
  return 1 + (it == slotVersions_.end() ? 0 : it->second);
}

}  // namespace gpc::provider::appointments
