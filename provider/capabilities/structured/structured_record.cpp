// $gpc.getstructuredrecord / $gpc.migratestructuredrecord: validate, check the patient, then
// assemble the Bundle area by area from the patient's compact record.
#include "provider/capabilities/structured/structured_record.h"

#include <algorithm>
#include <functional>

#include "provider/records/fhir_build.h"
#include "provider/records/patient_access.h"
#include "provider/records/record_bundle.h"
#include "provider/records/record_dates.h"
#include "provider/records/record_resources.h"
#include "provider/records/record_store.h"
#include "provider/records/structured_areas.h"
#include "provider/capabilities/structured/structured_query.h"
#include "provider/capabilities/structured/structured_secondary_lists.h"

namespace gpc::provider::structured {
using namespace records;  // the record vocabulary this capability is built on

using json = nlohmann::json;
namespace {

const json kNoItems = json::array();

const json& items(const json& record, const char* area) { return record.contains(area) ? record[area] : kNoItems; }

std::string refOf(const json& resource) { return resource.value("resourceType", "") + "/" + resource.value("id", ""); }

class Assembler {
 public:
  Assembler(RecordBundle& bundle, const json& record, ItemContext itemCtx, std::set<std::string> disabled)
      : bundle_(bundle), record_(record), c_(std::move(itemCtx)), disabled_(std::move(disabled)) {}

  // Adds the item's resources; returns the reference to its own resource.
  std::string addItem(const json& item, Resources (*build)(const json&, const ItemContext&)) {
    const Resources rs = build(item, c_);
    for (const auto& r : rs) bundle_.add(r);
    return refOf(rs.front());
  }

  std::string addProblem(const json& problem) {
    std::vector<std::string> linked;
    if (!bundle_.has("Condition", problem.value("id", ""))) {
      // Guard recursion through problem-to-problem links before following them.
      bundle_.add(problemResources(problem, c_, {})[0]);
      for (const auto& id : problem.value("links", json::array())) {
        const std::string ref = link(id.get<std::string>()).reference;
        if (!ref.empty()) linked.push_back(ref);
      }
      replaced_.push_back(problemResources(problem, c_, linked)[0]);
    }
    return "Condition/" + problem.value("id", "");
  }

  // Any item of the record by fixture id (problems included), added to the bundle unless it is
  // confidential or its clinical area is disabled; unknown ids give an empty LinkedItem.
  LinkedItem link(const std::string& id) {
    for (const auto& p : items(record_, "problems")) {
      if (p.value("id", "") == id) return linked("problems", p, [&] { return addProblem(p); });
    }
    for (const auto& kind : linkableAreas()) {
      for (const auto& item : items(record_, kind.area)) {
        if (item.value("id", "") == id) return linked(kind.area, item, [&] { return addItem(item, kind.build); });
      }
    }
    return {};
  }

  bool disabled(std::string_view parameter) const { return disabled_.count(std::string(parameter)) > 0; }
  const ItemContext& itemContext() const { return c_; }
  SecondaryLists& secondary() { return secondary_; }

  std::vector<json> replaced_;  // problems rebuilt with their links, swapped in at the end

 private:
  template <class Add>
  LinkedItem linked(std::string_view fixtureArea, const json& item, Add add) {
    LinkedItem out;
    const ClinicalArea* area = areaOfItem(fixtureArea, item);
    if (area) {
      out.consultationList = area->consultationList;
      out.problemList = area->problemList;
    }
    if (area && disabled(area->parameter)) out.disabledDisplay = disabledItemsDisplay(*area);
    else if (item.value("confidential", false)) out.withheld = true;
    else out.reference = add();
    return out;
  }

  RecordBundle& bundle_;
  const json& record_;
  ItemContext c_;
  std::set<std::string> disabled_;  // parameter names of the clinical areas switched off
  SecondaryLists secondary_;
};

bool inPeriod(const std::string& date, const SearchPeriod& p) { return overlaps(date, date, p.start, p.end); }

// Medication "active on or after" the search date (retrieve_patient_record medication rules).
bool activeOnOrAfter(const json& med, const std::string& from, bool faulty) {
  if (from.empty()) return true;
  const std::string type = med.value("type", "");
  if (type == "prescribed-elsewhere") return true;
  const auto start = dayInterval(med.value("start", ""));
  if (faulty) return !start || start->last >= from;
  std::string end = med.value("end", "");
  if (end.empty()) {
    if (type == "acute") end = med.value("start", "");
    else return true;  // repeat (or unknown type) without end is ongoing
  }
  const auto e = dayInterval(end);
  return !e || e->last >= from;
}

void addAllergies(Assembler& a, RecordBundle& b, const json& record, const StructuredQuery& q) {
  std::vector<std::string> active;
  json ended = json::array();
  bool excluded = false;
  for (const auto& item : items(record, "allergies")) {
    if (item.value("confidential", false)) {
      excluded = true;
      continue;
    }
    if (item.contains("ended")) {
      if (q.includeResolvedAllergies) ended.push_back(allergyResources(item, a.itemContext())[0]);
      continue;
    }
    active.push_back(a.addItem(item, allergyResources));
  }
  b.addList(lists::kAllergies, active, excluded, "allergies");
  if (q.includeResolvedAllergies) {
    std::vector<std::string> refs;
    for (const auto& r : ended) refs.push_back("#" + r["id"].get<std::string>());
    json list = b.list(lists::kEndedAllergies, refs, excluded, "ended-allergies");
    if (!ended.empty()) {
      // Resolved allergies travel contained in the Ended allergies list so they cannot be
      // mistaken for active ones (lists_for_message_structure).
      for (auto& r : ended) r.erase("meta");
      list["contained"] = ended;
    }
    b.add(list);
  }
}

void addMedications(Assembler& a, RecordBundle& b, const json& record, const StructuredQuery& q) {
  std::vector<std::string> refs;
  bool excluded = false;
  for (const auto& item : items(record, "medications")) {
    if (!activeOnOrAfter(item, q.medicationSearchFromDate, b.ctx().fault("medication-date-filter-wrong"))) continue;
    if (item.value("confidential", false)) {
      excluded = true;
      continue;
    }
    refs.push_back(a.addItem(item, medicationResources));
  }
  b.addList(lists::kMedications, refs, excluded, "medications");
}

// Problems matching the query, then the secondary lists of what they link to: items per clinical
// area, consultations whose topics are about them, problems outside the query.
void addProblems(Assembler& a, RecordBundle& b, const json& record, const StructuredQuery& q) {
  std::vector<std::string> refs;
  std::vector<const json*> returned;
  std::set<std::string> returnedIds;
  for (const auto& item : items(record, "problems")) {
    if (!q.filterStatus.empty() && item.value("status", "active") != q.filterStatus) continue;
    refs.push_back(a.addProblem(item));
    returned.push_back(&item);
    returnedIds.insert(item.value("id", ""));
  }
  b.addList(lists::kProblems, refs, false, "problems");
  for (const json* problem : returned) {
    for (const auto& id : problem->value("links", json::array())) {
      const std::string linkId = id.get<std::string>();
      if (returnedIds.count(linkId)) continue;
      const LinkedItem item = a.link(linkId);
      a.secondary().add(item.problemList, item);
    }
    for (const auto& enc : items(record, "consultations")) {
      for (const auto& topic : enc.value("topics", json::array())) {
        if (topic.value("problem", "") != problem->value("id", "")) continue;
        const LinkedItem item = a.link(enc.value("id", ""));
        a.secondary().add(item.problemList, item);
      }
    }
  }
}

void addConsultations(Assembler& a, RecordBundle& b, const json& record, const StructuredQuery& q) {
  std::vector<json> encounters;
  for (const auto& item : items(record, "consultations")) {
    if (inPeriod(item.value("date", ""), q.consultationSearchPeriod)) encounters.push_back(item);
  }
  std::sort(encounters.begin(), encounters.end(), [](const json& x, const json& y) { return x.value("date", "") > y.value("date", ""); });
  if (q.includeNumberOfMostRecent && encounters.size() > static_cast<size_t>(*q.includeNumberOfMostRecent))
    encounters.resize(static_cast<size_t>(*q.includeNumberOfMostRecent));
  std::vector<std::string> refs;
  for (const auto& enc : encounters) {
    const std::string encRef = a.addItem(enc, encounterResources);
    refs.push_back(encRef);
    const std::string encId = enc.value("id", "");
    std::vector<std::string> topicRefs;
    int t = 0;
    for (const auto& topic : enc.value("topics", json::array())) {
      const std::string topicSeed = encId + "/topic/" + std::to_string(++t);
      std::vector<std::string> headingRefs;
      int h = 0;
      for (const auto& heading : topic.value("headings", json::array())) {
        std::vector<std::string> itemRefs, disabledItems;
        for (const auto& id : heading.value("items", json::array())) {
          const LinkedItem item = a.link(id.get<std::string>());
          if (!item.reference.empty()) itemRefs.push_back(item.reference);
          if (!item.disabledDisplay.empty()) disabledItems.push_back(item.disabledDisplay);
          a.secondary().add(item.consultationList, item);
        }
        json list = b.list({lists::kHeading.code, heading.value("title", lists::kHeading.title)}, itemRefs, false,
                           topicSeed + "/heading/" + std::to_string(++h), disabledItems);
        list["code"] = {{"coding", json::array({fhir::coding(fhir::kSnomed, lists::kHeading.code, lists::kHeading.title)})}};
        list["encounter"] = {{"reference", encRef}};
        headingRefs.push_back(refOf(list));
        b.add(list);
      }
      json topicList = b.list({lists::kTopic.code, topic.value("title", lists::kTopic.title)}, headingRefs, false, topicSeed);
      topicList["code"] = {{"coding", json::array({fhir::coding(fhir::kSnomed, lists::kTopic.code, lists::kTopic.title)})}};
      topicList["encounter"] = {{"reference", encRef}};
      if (topic.contains("problem")) {
        const LinkedItem problem = a.link(topic["problem"].get<std::string>());
        a.secondary().add(problem.consultationList, problem);
        const std::string& problemRef = problem.reference;
        if (!problemRef.empty()) {
          topicList["extension"].push_back({{"url", "https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-RelatedProblemHeader-1"},
                                            {"extension", json::array({{{"url", "target"}, {"valueReference", {{"reference", problemRef}}}}})}});
        }
      }
      topicRefs.push_back(refOf(topicList));
      b.add(topicList);
    }
    json consultation = b.list({lists::kConsultation.code, enc.value("title", lists::kConsultation.title)}, topicRefs, false, encId + "/consultation");
    consultation["code"] = {{"coding", json::array({fhir::coding(fhir::kSnomed, lists::kConsultation.code, lists::kConsultation.title)})}};
    consultation["encounter"] = {{"reference", encRef}};
    b.add(consultation);
  }
  b.addList(lists::kConsultations, refs, false, "consultations");
}

// The items of one fixture area that the query wants: references of those added, and whether a
// confidential one was withheld.
struct AreaItems {
  std::vector<std::string> refs;
  bool withheld = false;
};

void collectItems(Assembler& a, const json& record, const char* area, Resources (*build)(const json&, const ItemContext&),
                  const std::function<bool(const json&)>& wanted, AreaItems& out) {
  for (const auto& item : items(record, area)) {
    if (!wanted(item)) continue;
    if (item.value("confidential", false)) {
      out.withheld = true;
      continue;
    }
    out.refs.push_back(a.addItem(item, build));
  }
}

void addSimpleArea(Assembler& a, RecordBundle& b, const json& record, const char* area, const ListCode& code,
                   Resources (*build)(const json&, const ItemContext&), const std::function<bool(const json&)>& wanted) {
  AreaItems found;
  collectItems(a, record, area, build, wanted, found);
  b.addList(code, found.refs, found.withheld, area);
}

// Immunizations, then (includeStatus, default true) the uncategorised immunisation-status
// Observations (consent, declined ...), in the one Immunisations list.
void addImmunisations(Assembler& a, RecordBundle& b, const json& record, const StructuredQuery& q) {
  AreaItems found;
  collectItems(a, record, "immunisations", immunisationResources,
               [&](const json& i) { return q.includeNotGiven || !i.value("notGiven", false); }, found);
  if (q.includeStatus || b.ctx().fault("immunisation-status-ignored"))
    collectItems(a, record, "immunisationStatus", observationResources, [](const json&) { return true; }, found);
  b.addList(lists::kImmunisations, found.refs, found.withheld, "immunisations");
}

// One warning issue (not-supported / NOT_IMPLEMENTED) per unsupported item: unrecognised
// parameters (version_compatibility) and disabled clinical areas (clinical_area_config).
json notImplementedIssue(const std::string& text, const std::string& diagnostics) {
  return {{"severity", "warning"},
          {"code", "not-supported"},
          {"details", {{"coding", json::array({fhir::coding("https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1",
                                                            "NOT_IMPLEMENTED", "Not implemented")})},
                       {"text", text}}},
          {"diagnostics", diagnostics}};
}

json warningOutcome(const json& issues) {
  return {{"resourceType", "OperationOutcome"},
          {"id", fhir::stableUuid("warnings/" + issues.dump())},
          {"meta", fhir::meta("GPConnect-OperationOutcome-1")},
          {"issue", issues}};
}

// The areas a query asks for, by parameter name, in clinical_area_config order.
std::vector<std::string> requestedAreas(const StructuredQuery& q) {
  const std::vector<std::pair<bool, const char*>> asked = {
      {q.medication, "includeMedication"},          {q.allergies, "includeAllergies"},
      {q.consultations, "includeConsultations"},    {q.problems, "includeProblems"},
      {q.uncategorised, "includeUncategorisedData"}, {q.immunisations, "includeImmunisations"},
      {q.investigations, "includeInvestigations"},  {q.referrals, "includeReferrals"},
      {q.diary, "includeDiaryEntries"}};
  std::vector<std::string> out;
  for (const auto& [yes, name] : asked) {
    if (yes) out.push_back(name);
  }
  return out;
}

// The site-level switches: the context's, plus those a record fixture simulates for its patient.
std::set<std::string> disabledAreas(const RecordContext& ctx, const json& record) {
  std::set<std::string> out = ctx.disabledAreas;
  for (const auto& name : record.value("practice", json::object()).value("disabledAreas", json::array())) out.insert(name.get<std::string>());
  return out;
}

// Foundations resources the record points at (practice, usual GP, roles, branch surgery):
// everything referenced that the directory can resolve joins the bundle.
void addReferencedFoundations(const RecordContext& ctx, RecordBundle& b) {
  static const std::set<std::string> foundationTypes = {"Organization", "Practitioner", "PractitionerRole", "Location"};
  for (int pass = 0; pass < 3; ++pass) {
    std::vector<std::string> wanted;
    std::function<void(const json&)> walk = [&](const json& n) {
      if (n.is_object()) {
        if (n.contains("reference") && n["reference"].is_string()) wanted.push_back(n["reference"]);
        for (const auto& [k, v] : n.items()) walk(v);
      } else if (n.is_array()) {
        for (const auto& v : n) walk(v);
      }
    };
    walk(b.entries());
    bool added = false;
    for (const auto& ref : wanted) {
      const auto slash = ref.find('/');
      if (slash == std::string::npos) continue;
      const std::string type = ref.substr(0, slash), id = ref.substr(slash + 1);
      if (!foundationTypes.count(type) || b.has(type, id)) continue;
      if (const json* r = ctx.directory->resource(type, id)) {
        json copy = *r;
        if (copy.contains("meta")) {
          copy["meta"].erase("versionId");
          copy["meta"].erase("lastUpdated");
        }
        b.add(copy);
        added = true;
      }
    }
    if (!added) break;
  }
}

// `honourSwitches`: migrate ignores the clinical-area switches (always the full record).
RecordResponse assemble(const RecordContext& ctx, const PatientAccess& access, StructuredQuery q, bool honourSwitches) {
  json patient = *access.patient;
  const std::string patientId = patient.value("id", "");
  if (patient.contains("meta")) {
    patient["meta"].erase("versionId");
    patient["meta"].erase("lastUpdated");
  }
  const json& record = access.record ? access.record->data : kNoItems;
  const json rec = record.is_object() ? record : json::object();
  RecordBundle b(ctx, patientId, access.status.transferDate);
  b.setAwaitingFiling(rec.value("practice", json::object()).value("awaitingFilingSince", ""));
  b.add(patient);
  std::string recorder;
  for (const auto& gp : patient.value("generalPractitioner", json::array())) {
    const std::string ref = gp.value("reference", "");
    if (ref.rfind("Practitioner/", 0) == 0) recorder = ref;
  }
  if (!recorder.empty()) {
    for (const json* role : ctx.directory->rolesOfPractitioner(recorder.substr(13))) {
      json copy = *role;
      if (copy.contains("meta")) copy["meta"].erase("versionId");
      b.add(copy);
    }
  }
  ItemContext ic{patientId, recorder, ctx.today, q.includePrescriptionIssues};
  const std::set<std::string> disabled = honourSwitches ? disabledAreas(ctx, rec) : std::set<std::string>{};
  json issues = json::array();
  for (const auto& name : q.unrecognised) issues.push_back(notImplementedIssue(name + " is an unrecognised parameter", name));
  for (const auto& name : requestedAreas(q)) {
    if (!disabled.count(name)) continue;
    if (!ctx.fault("disabled-area-no-warning")) issues.push_back(notImplementedIssue(name + " has been disabled", name));
  }
  // A disabled area returns nothing of its own; its items linked from consultations or problems
  // are shown as "... items have been disabled" (Assembler::link).
  q.allergies &= !disabled.count("includeAllergies");
  q.medication &= !disabled.count("includeMedication");
  q.problems &= !disabled.count("includeProblems");
  q.consultations &= !disabled.count("includeConsultations");
  q.immunisations &= !disabled.count("includeImmunisations");
  q.uncategorised &= !disabled.count("includeUncategorisedData");
  q.investigations &= !disabled.count("includeInvestigations");
  q.referrals &= !disabled.count("includeReferrals");
  q.diary &= !disabled.count("includeDiaryEntries");
  Assembler a(b, rec, ic, disabled);
  if (q.allergies) addAllergies(a, b, rec, q);
  if (q.medication) addMedications(a, b, rec, q);
  if (q.problems) addProblems(a, b, rec, q);
  if (q.consultations) addConsultations(a, b, rec, q);
  if (q.immunisations) addImmunisations(a, b, rec, q);
  if (q.uncategorised)
    addSimpleArea(a, b, rec, "uncategorised", lists::kUncategorised, observationResources,
                  [&](const json& i) { return inPeriod(i.value("date", ""), q.uncategorisedDataSearchPeriod); });
  if (q.investigations)
    addSimpleArea(a, b, rec, "investigations", lists::kInvestigations, investigationResources,
                  [&](const json& i) { return inPeriod(i.value("issued", ""), q.investigationSearchPeriod); });
  if (q.referrals)
    addSimpleArea(a, b, rec, "referrals", lists::kReferrals, referralResources,
                  [&](const json& i) { return inPeriod(i.value("authored", ""), q.referralSearchPeriod); });
  if (q.diary)
    addSimpleArea(a, b, rec, "diary", lists::kDiary, diaryResources, [&](const json& i) {
      return q.diaryEntriesSearchDate.empty() || overlaps(i.value("date", ""), i.value("date", ""), "", q.diaryEntriesSearchDate);
    });
  a.secondary().addTo(b);
  if (!issues.empty()) b.add(warningOutcome(issues));
  addReferencedFoundations(ctx, b);

  json entries = b.entries();
  for (const auto& problem : a.replaced_) {
    for (auto& e : entries) {
      if (e["resource"].value("resourceType", "") == "Condition" && e["resource"].value("id", "") == problem["id"]) e["resource"] = problem;
    }
  }
  if (ctx.fault("dangling-reference")) {
    for (auto& e : entries) {
      if (e["resource"].value("resourceType", "") == "List") {
        e["resource"].erase("emptyReason");
        e["resource"]["entry"].push_back({{"item", {{"reference", "Observation/" + fhir::stableUuid("missing")}}}});
        break;
      }
    }
  }
  if (ctx.fault("bundle-fullurl-present")) {
    for (auto& e : entries) e["fullUrl"] = ctx.baseUrl + "/" + refOf(e["resource"]);
  }
  json bundle = {{"resourceType", "Bundle"},
                 {"id", ctx.fault("bundle-id-not-trace-id") ? fhir::stableUuid("not-the-trace-id/" + ctx.traceId) : ctx.traceId},
                 {"meta", fhir::meta("GPConnect-StructuredRecord-Bundle-1")},
                 {"type", "collection"},
                 {"entry", entries}};
  RecordResponse out;
  out.body = std::move(bundle);
  return out;
}

RecordResponse errorResponse(SpineError e) {
  RecordResponse r;
  r.status = e.httpStatus;
  r.error = std::move(e);
  return r;
}

}  // namespace

RecordResponse getStructuredRecord(const RecordContext& ctx, const json& parameters) {
  auto parsed = parseStructuredQuery(parameters, ctx.today);
  if (auto* e = std::get_if<SpineError>(&parsed)) return errorResponse(*e);
  auto& q = std::get<StructuredQuery>(parsed);
  if (!q.unrecognised.empty() && ctx.fault("forward-compat-rejected"))
    return errorResponse(spineError("INVALID_PARAMETER", q.unrecognised.front() + " is an unrecognised parameter"));
  const auto access = resolvePatient(ctx, q.nhsNumber, DeceasedRule::Refuse);
  if (access.error) return errorResponse(*access.error);
  return assemble(ctx, access, q, true);
}

RecordResponse migrateStructuredRecord(const RecordContext& ctx, const json& parameters) {
  if (!parameters.is_object() || parameters.value("resourceType", "") != "Parameters" || !parameters.contains("parameter") ||
      !parameters["parameter"].is_array())
    return errorResponse(spineError("INVALID_RESOURCE", "request body is not a FHIR Parameters resource"));
  std::string nhs;
  std::optional<bool> includeSensitive;
  bool fullRecord = false;
  for (const auto& p : parameters["parameter"]) {
    const std::string name = p.value("name", "");
    if (name == "patientNHSNumber") {
      const json v = p.value("valueIdentifier", json::object());
      if (v.value("system", "") != "https://fhir.nhs.uk/Id/nhs-number")
        return errorResponse(spineError("INVALID_PARAMETER", "patientNHSNumber.system must be https://fhir.nhs.uk/Id/nhs-number"));
      nhs = v.value("value", "");
    } else if (name == "includeFullRecord") {
      fullRecord = true;
      for (const auto& part : p.value("part", json::array())) {
        if (part.value("name", "") != "includeSensitiveInformation")
          return errorResponse(spineError("INVALID_PARAMETER", "includeFullRecord." + part.value("name", "") + " is not a migrate parameter"));
        if (!part.contains("valueBoolean") || !part["valueBoolean"].is_boolean())
          return errorResponse(spineError("INVALID_PARAMETER", "includeFullRecord.includeSensitiveInformation needs a valueBoolean"));
        includeSensitive = part["valueBoolean"].get<bool>();
      }
    } else {
      return errorResponse(spineError("INVALID_PARAMETER", name + " is not a migrate parameter"));
    }
  }
  if (nhs.empty()) return errorResponse(spineError("INVALID_PARAMETER", "patientNHSNumber is required"));
  if (!fullRecord || !includeSensitive)
    return errorResponse(spineError("INVALID_PARAMETER", "includeFullRecord.includeSensitiveInformation is required"));
  // A conf/N scope asks for non-sensitive data only, so also asking for sensitive items conflicts.
  const std::string scope = ctx.jwtClaims.value("requested_scope", "");
  if (*includeSensitive && scope.find("conf/N") != std::string::npos)
    return errorResponse(spineError("CONFLICTING_VALUES", "includeSensitiveInformation=true conflicts with the conf/N requested_scope"));
  const auto access = resolvePatient(ctx, nhs, DeceasedRule::Refuse);
  if (access.error) return errorResponse(*access.error);
  // Migration is only from the patient's registered practice: the ODS code addressed must be it.
  const std::string orgRef = access.patient->value("managingOrganization", json::object()).value("reference", "");
  const json* org = orgRef.rfind("Organization/", 0) == 0 ? ctx.directory->resource("Organization", orgRef.substr(13)) : nullptr;
  bool registeredHere = false;
  if (org) {
    for (const auto& id : org->value("identifier", json::array())) registeredHere |= id.value("value", "") == ctx.odsCode;
  }
  if (!registeredHere)
    return errorResponse(spineError("NO_RELATIONSHIP", "patient " + nhs + " is not registered at " + ctx.odsCode));
  StructuredQuery everything;
  everything.nhsNumber = nhs;
  everything.allergies = everything.includeResolvedAllergies = everything.medication = everything.problems = everything.consultations = true;
  everything.immunisations = everything.includeNotGiven = everything.uncategorised = everything.investigations = true;
  everything.referrals = everything.diary = true;
  return assemble(ctx, access, everything, false);
}

}  // namespace gpc::provider::structured
