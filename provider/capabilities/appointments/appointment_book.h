#pragma once
// The appointments one provider process holds: booked appointments by id and the slots they
// consume. Every change is checked against the version it was based on under one lock, so two
// requests racing for a slot or for one appointment cannot both win (the loser sees a conflict).

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gpc::provider::appointments {

enum class BookOutcome { Booked, SlotTaken };
enum class UpdateOutcome { Updated, NotFound, VersionConflict };

struct Stored {
  nlohmann::json resource;  // as returned (id, meta.versionId set)
  int version = 1;
};

class AppointmentBook {
 public:
  // Stores `appointment` under a new id with version 1 and marks `slotIds` busy, unless one of
  // them is already busy (then nothing changes). `consumeSlots` false leaves the slots free.
  BookOutcome book(nlohmann::json appointment, const std::vector<std::string>& slotIds, bool consumeSlots,
                   Stored& out);
  std::optional<Stored> find(const std::string& id) const;
  // Replaces the appointment if its version is still `basedOn`; the new version is basedOn+1
  // (or unchanged when `bumpVersion` is false). `freeSlots`: its slots become free again.
  UpdateOutcome replace(const std::string& id, int basedOn, nlohmann::json resource, bool bumpVersion,
                        bool freeSlots, Stored& out);
  std::vector<Stored> forPatient(const std::string& patientId) const;
  bool slotBusy(const std::string& slotId) const;
  int slotVersion(const std::string& slotId) const;  // 1 until first booked, +1 per change

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Stored> appointments_;
  std::map<std::string, std::string> bookedSlots_;  // slot id -> appointment id
  std::map<std::string, int> slotVersions_;
  int nextId_ = 1;
};

// "Patient/2" -> "2" for the patient participant of an appointment resource, else "".
std::string patientIdOf(const nlohmann::json& appointment);
// The slot ids an appointment's slot[] references name ("Slot/x" -> "x"); non-relative ones kept whole.
std::vector<std::string> slotIdsOf(const nlohmann::json& appointment);

}  // namespace gpc::provider::appointments
