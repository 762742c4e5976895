#include "provider/core/dispatcher.h"

#include <zlib.h>

#include <stdexcept>

#include "provider/core/faults.h"
#include "provider/core/interactions.h"
#include "provider/core/jwt_rules.h"
#include "provider/core/record_routes.h"
#include "provider/core/spine_errors.h"
#include "provider/core/ssp_headers.h"
#include "provider/foundations/capability.h"
#include "provider/foundations/directory.h"
#include "provider/foundations/patient.h"
#include "provider/foundations/register_patient.h"
#include "provider/records/structured_areas.h"

namespace gpc::provider::core {
namespace {

using nlohmann::json;

Response errorResponse(std::string_view code, std::string_view diagnostics, const std::set<std::string>& faults,
                       bool dstu2) {
  Response r;
  r.status = errorStatus(code, faults);
  r.body = operationOutcome(code, diagnostics, faults, dstu2);
  return r;
}

bool acceptsGzip(const Request& request) {
  for (const auto& v : request.headerValues("Accept-Encoding"))
    if (v.find("gzip") != std::string::npos) return true;
  return false;
}

// The migrate variants need reason_for_request "migration"; everything else "directcare".
std::string_view reasonFor(const InteractionDef& def, const Request& request) {
  if (def.op == Op::MigrateStructuredRecord) return "migration";
  if (def.op == Op::BinaryRead &&
      request.header("Ssp-InteractionID").value_or("") == "urn:nhs:names:services:gpconnect:documents:fhir:rest:migrate:binary-1")
    return "migration";
  return "directcare";
}

// 0.7.x: the requested_record claim names the patient whose record is asked for; it must be the
// patientNHSNumber of the body (official 0.7.3 JWT.feature: mismatch => 400).
Check checkRequestedRecord(const json& claims, const json& parameters) try {
  const json& record = claims.contains("requested_record") ? claims["requested_record"] : json();
  if (!record.is_object() || record.value("resourceType", "") != "Patient") return std::nullopt;
  std::string claimed, requested;
  for (const auto& id : record.value("identifier", json::array()))
    if (id.is_object() && id.value("system", "") == "http://fhir.nhs.net/Id/nhs-number") claimed = id.value("value", "");
  if (parameters.is_object())
    for (const auto& p : parameters.value("parameter", json::array()))
      if (p.is_object() && p.value("name", "") == "patientNHSNumber" && p.contains("valueIdentifier") &&
          p["valueIdentifier"].is_object())
        requested = p["valueIdentifier"].value("value", "");
  if (claimed.empty() || requested.empty() || claimed == requested) return std::nullopt;
  return Rejection{"BAD_REQUEST", "JWT: requested_record NHS number " + claimed + " is not the requested patientNHSNumber " + requested};
} catch (const json::exception&) {
  return std::nullopt;  // a malformed body is the operation's to reject, with its own diagnostics
}

}  // namespace

std::string gzip(const std::string& data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib deflateInit2 failed");
  std::string out;
  out.resize(deflateBound(&zs, data.size()) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib deflate did not finish");
  return out;
}

Dispatcher::Dispatcher(const std::filesystem::path& fixturesDir, std::set<std::string> faults,
                       std::set<std::string> disabledAreas)
    : faults_(std::move(faults)),
      disabledAreas_(std::move(disabledAreas)),
      pack_(datapack::DataPack::load(fixturesDir / "datapack")),
      xml_(makeXmlCodec()) {
  checkFaultNames(faults_);
  for (const auto& area : disabledAreas_)
    if (records::areaByParameter(area) == nullptr)
      throw std::runtime_error("unknown clinical area \"" + area + "\" (known: " + records::clinicalAreaNames() + ")");
  directory_ = std::make_unique<records::DataPackDirectory>(pack_);
  try {
    store_ = records::RecordStore::load(fixturesDir);
  } catch (const std::exception& e) {
    // Foundations still works without clinical records; record operations report this.
    storeProblem_ = e.what();
  }
}

WireResponse Dispatcher::failure(std::string_view code, std::string_view diagnostics) {
  Outcome o;
  o.response = errorResponse(code, diagnostics, faults_, false);
  return finish(Request{}, std::move(o));
}

WireResponse Dispatcher::handle(const Request& request, const std::string& origin, std::int64_t now,
                                const std::string& today) {
  return finish(request, route(request, origin, now, today));
}

Dispatcher::Outcome Dispatcher::route(const Request& request, const std::string& origin, std::int64_t now,
                                      const std::string& today) {
  Outcome out;
  const RouteMatch match = resolveRoute(request.method, request.path, pack_.practice().odsCode);
  const bool dstu2 = match.endpoint == Endpoint::Html;
  out.generation = dstu2 ? FhirGeneration::Dstu2 : FhirGeneration::Stu3;
  auto fail = [&](std::string_view code, std::string diagnostics) {
    out.response = errorResponse(code, diagnostics, faults_, dstu2);
    return out;
  };

  const Negotiated neg = negotiate(request, faults_);
  if (!neg.problem.empty()) return fail("UNSUPPORTED_MEDIA_TYPE", neg.problem);
  if ((neg.response == Format::Xml || neg.requestBody == Format::Xml) && !xml_)
    return fail("UNSUPPORTED_MEDIA_TYPE", "FHIR XML is not available in this build of the reference provider");
  out.format = neg.response;

  if (!match.endpoint || !match.interaction)
    return fail("NO_RECORD_FOUND", "no resource or operation at " + request.method + " " + request.path);
  if (match.wrongMethod && !hasFault(faults_, "wrong-verb-accepted"))
    return fail("BAD_REQUEST", "HTTP method " + request.method + " is not valid for " + request.path);
  const InteractionDef& def = *match.interaction;

  if (auto r = checkSspHeaders(request, faults_)) return fail(r->code, r->diagnostics);
  if (auto r = checkInteractionId(request, def, faults_)) return fail(r->code, r->diagnostics);
  json claims;
  const JwtRules rules{def.scope, reasonFor(def, request), dstu2, now};
  if (auto r = checkJwt(request, rules, faults_, claims)) return fail(r->code, r->diagnostics);

  json body;
  if (def.method == "POST") {
    if (request.body.empty()) return fail("BAD_REQUEST", "request body is empty; a Parameters resource is required");
    if (neg.requestBody == Format::Xml) {
      std::string problem;
      auto parsed = xml_->fromXml(request.body, problem);
      if (!parsed) return fail("BAD_REQUEST", "request body is not valid FHIR XML: " + problem);
      body = std::move(*parsed);
    } else {
      try {
        body = json::parse(request.body);
      } catch (const json::parse_error& e) {
        return fail("BAD_REQUEST", std::string("request body is not valid JSON: ") + e.what());
      }
    }
  }

  if (def.op == Op::GetCareRecord)
    if (auto r = checkRequestedRecord(claims, body)) return fail(r->code, r->diagnostics);

  const std::string baseUrl = origin + match.serviceRoot;
  foundations::ServiceContext ctx{pack_, registrations_, faults_, baseUrl, today};
  const std::string id = match.ids.empty() ? std::string() : match.ids.front();
  switch (def.op) {
    case Op::Metadata:
    case Op::StructuredMetadata:
    case Op::DocumentsMetadata:
    case Op::HtmlMetadata:
      out.response.body = foundations::capabilityStatement(def.endpoint, faults_);
      return out;
    case Op::PatientRead: out.response = foundations::readPatient(ctx, id); return out;
    case Op::PatientSearch: out.response = foundations::searchPatients(ctx, request); return out;
    case Op::DocumentsPatientSearch: out.response = foundations::searchPatients(ctx, request, true); return out;
    case Op::RegisterPatient: out.response = foundations::registerPatient(ctx, body); return out;
    case Op::PractitionerRead: out.response = foundations::readPractitioner(ctx, id); return out;
    case Op::PractitionerSearch: out.response = foundations::searchPractitioners(ctx, request); return out;
    case Op::OrganizationRead: out.response = foundations::readOrganization(ctx, id); return out;
    case Op::OrganizationSearch: out.response = foundations::searchOrganizations(ctx, request); return out;
    case Op::LocationRead: out.response = foundations::readLocation(ctx, id); return out;
    case Op::GetStructuredRecord:
    case Op::MigrateStructuredRecord:
    case Op::DocumentReferenceSearch:
    case Op::BinaryRead:
    case Op::GetCareRecord: {
      if (!store_) return fail("INTERNAL_SERVER_ERROR", "clinical record store unavailable: " + storeProblem_);
      records::RecordContext rc;
      rc.directory = directory_.get();
      rc.store = &*store_;
      rc.traceId = request.header("Ssp-TraceID").value_or("");
      rc.today = today;
      rc.odsCode = pack_.practice().odsCode;
      rc.baseUrl = baseUrl;
      rc.jwtClaims = claims;
      rc.faults = faults_;
      rc.disabledAreas = disabledAreas_;
      RecordCall call{def.op, id, request.query, request.header("Ssp-InteractionID").value_or(""), body};
      out.response = callRecordOperation(rc, call, faults_, dstu2);
      return out;
    }
  }
  return fail("INTERNAL_SERVER_ERROR", "interaction without a handler");
}

WireResponse Dispatcher::finish(const Request& request, Outcome outcome) const {
  WireResponse wire;
  Response& r = outcome.response;
  wire.status = r.status;
  std::string contentType;
  if (!r.contentType.empty() && r.body.is_null()) {
    contentType = r.contentType;
    wire.body = std::move(r.rawBody);
  } else {
    contentType = fhirContentType(outcome.format, outcome.generation, faults_);
    wire.body = outcome.format == Format::Xml && xml_ ? xml_->toXml(r.body) : r.body.dump();
  }
  wire.headers.emplace_back("Content-Type", contentType);
  const bool noStore = !hasFault(faults_, "no-cache-control") &&
                       !(hasFault(faults_, "cache-control-on-success-only") && r.status >= 400);
  if (noStore) wire.headers.emplace_back("Cache-Control", "no-store");
  for (auto& h : r.headers) wire.headers.push_back(std::move(h));
  if (acceptsGzip(request) && !hasFault(faults_, "gzip-ignored") && !wire.body.empty()) {
    wire.body = gzip(wire.body);
    wire.headers.emplace_back("Content-Encoding", "gzip");
  }
  return wire;
}

}  // namespace gpc::provider::core
