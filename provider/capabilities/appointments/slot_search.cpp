#include "provider/capabilities/appointments/slot_search.h"

#include <cctype>
#include <set>

#include "provider/capabilities/foundations/directory.h"

namespace gpc::provider::appointments {
namespace {

using nlohmann::json;

constexpr int kMaxRangeDays = 14;
constexpr std::string_view kOdsSystem = "https://fhir.nhs.uk/Id/ods-organization-code";

// Who the consumer says it books for: searchFilter values the spec names; others are ignored
// ("providers who do not understand the additional parameters SHALL ignore them").
struct Booker {
  std::set<std::string> odsCodes;
  std::set<std::string> orgTypes;
};

Booker bookerOf(const server::NameValues& query) {
  Booker b;
  for (const auto& [name, value] : query) {
    if (name != "searchFilter") continue;
    const auto bar = value.find('|');
    if (bar == std::string::npos) continue;
    const std::string system = value.substr(0, bar), code = value.substr(bar + 1);
    if (system == kOdsSystem) b.odsCodes.insert(code);
    if (system == kOrganisationTypeSystem) b.orgTypes.insert(code);
  }
  return b;
}

bool mayBook(const BookingRestriction& r, const Booker& b) {
  if (!r.odsCode.empty() && !b.odsCodes.count(r.odsCode)) return false;
  if (!r.orgType.empty() && !b.orgTypes.count(r.orgType)) return false;
  return true;
}

bool hasValue(const server::NameValues& query, std::string_view name, std::string_view value) {
  for (const auto& [n, v] : query)
    if (n == name && v == value) return true;
  return false;
}

std::vector<std::string> valuesOf(const server::NameValues& query, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [n, v] : query)
    if (n == name) out.push_back(v);
  return out;
}

}  // namespace

std::optional<DateBound> parseDateBound(std::string_view value) {
  DateBound b;
  if (value.size() >= 2 && std::isalpha(static_cast<unsigned char>(value[0])) &&
      std::isalpha(static_cast<unsigned char>(value[1]))) {
    b.prefix = std::string(value.substr(0, 2));
    value.remove_prefix(2);
  }
  if (const auto d = parseDate(value)) {
    b.wholeDate = true;
    b.day = *d;
    b.at = ukWallClock(*d, 0);
    return b;
  }
  if (const auto t = parseDateTime(value)) {
    b.at = *t;
    b.day = ukDate(*t);
    return b;
  }
  return std::nullopt;
}

server::Response searchFreeSlots(const AppointmentContext& ctx, const server::NameValues& query) {
  const auto starts = valuesOf(query, "start"), ends = valuesOf(query, "end"), statuses = valuesOf(query, "status");
  if (starts.empty() || ends.empty() || statuses.empty())
    return fail(ctx, "BAD_REQUEST", "the start, end and status parameters are required");
  if (starts.size() > 1 || ends.size() > 1) return fail(ctx, "BAD_REQUEST", "start and end may each be given only once");
  if (!hasValue(query, "_include", "Slot:schedule") && !ctx.fault("slot-include-schedule-not-required"))
    return fail(ctx, "BAD_REQUEST", "_include=Slot:schedule is required");
  if (statuses.size() > 1 || statuses.front() != "free")
    return fail(ctx, "INVALID_PARAMETER", "status: only status=free may be searched for");
  const auto from = parseDateBound(starts.front()), to = parseDateBound(ends.front());
  if (!from || from->prefix != "ge")
    return fail(ctx, "INVALID_PARAMETER", "start: '" + starts.front() + "' is not ge followed by yyyy-mm-dd or yyyy-mm-ddThh:mm:ss+hh:mm");
  if (!to || to->prefix != "le")
    return fail(ctx, "INVALID_PARAMETER", "end: '" + ends.front() + "' is not le followed by yyyy-mm-dd or yyyy-mm-ddThh:mm:ss+hh:mm");
  // end=le<date> includes the whole of that day.
  const Instant last = to->wholeDate ? ukWallClock(addDays(to->day, 1), 0) : to->at;
  if (last < from->at) return fail(ctx, "INVALID_PARAMETER", "end: the end of the range is before its start");
  if (last - from->at > (kMaxRangeDays + 1) * 86400LL && !ctx.fault("slot-range-unlimited"))
    return fail(ctx, "INVALID_PARAMETER", "start, end: the range is more than 14 days");

  const Booker booker = bookerOf(query);
  const bool partial = ctx.fault("slot-partial-overlap-returned");
  // A slot straddling a bound is not "fully within the requested date range"; the fault widens
  // the search by one slot length either side to show it.
  const Instant widen = partial ? 3600 : 0;
  std::vector<json> slots;
  std::set<std::string> scheduleIds;
  for (const SlotKey& key : ctx.calendar.slotsBetween(from->at - widen, last + widen, ctx.today)) {
    const bool inside = key.start() >= from->at && key.end() <= last;
    const bool straddles = key.end() > from->at && key.start() < last;
    if (!(inside || (partial && straddles))) continue;
    const std::string id = key.id();
    if (ctx.book.slotBusy(id)) continue;
    if (!mayBook(key.schedule->restriction, booker)) continue;
    slots.push_back(slotResource(key, true, ctx.book.slotVersion(id)));
    scheduleIds.insert(key.schedule->id);
  }
  std::vector<json> resources = slots;
  const bool withPractitioners = hasValue(query, "_include:recurse", "Schedule:actor:Practitioner");
  const bool withLocations = hasValue(query, "_include:recurse", "Schedule:actor:Location");
  std::set<std::string> practitioners, locations;
  for (const auto& def : ctx.calendar.schedules()) {
    if (!scheduleIds.count(def.id)) continue;
    json schedule = scheduleResource(def, ctx.today);
    if (ctx.fault("schedule-location-missing")) {
      json actors = json::array();
      for (const auto& a : schedule["actor"])
        if (a.value("reference", "").rfind("Location/", 0) != 0) actors.push_back(a);
      schedule["actor"] = actors;
    }
    resources.push_back(schedule);
    if (!def.practitionerId.empty()) practitioners.insert(def.practitionerId);
    locations.insert(def.locationId);
  }
  if (withPractitioners)
    for (const auto& id : practitioners) resources.push_back(foundations::readPractitioner(ctx.service, id).body);
  if (withLocations)
    for (const auto& id : locations) resources.push_back(foundations::readLocation(ctx.service, id).body);
  // The practice Organization comes whenever a slot does, with or without
  // _include:recurse=Location:managingOrganization (search page, Known issues).
  if (!slots.empty())
    resources.push_back(foundations::readOrganization(ctx.service, ctx.service.pack.practice().logicalId).body);
  server::Response r;
  r.body = foundations::searchset(ctx.service, resources);
  return r;
}

}  // namespace gpc::provider::appointments
