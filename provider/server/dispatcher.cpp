#include "provider/server/dispatcher.h"

#include <zlib.h>

#include <stdexcept>

#include "provider/records/structured_areas.h"
#include "provider/server/faults.h"
#include "provider/server/jwt_rules.h"
#include "provider/server/routing.h"
#include "provider/server/spine_errors.h"
#include "provider/server/ssp_headers.h"

namespace gpc::provider::server {
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
  data_ = std::make_unique<CapabilityData>(CapabilityData{
      pack_, registrations_, *directory_, store_ ? &*store_ : nullptr, storeProblem_, disabledAreas_, &appointmentBook_});
}

WireResponse Dispatcher::failure(std::string_view code, std::string_view diagnostics) {
  Outcome o;
  o.response = errorResponse(code, diagnostics, faults_, false);
  return finish(Request{}, std::move(o));
}

WireResponse Dispatcher::handle(const Request& request, const std::string& origin, std::int64_t now,
                                const std::string& today) {
  // A transient outage: the provider's very first request fails, every later one is served.
  if (hasFault(faults_, "first-request-fails") && !firstRequestServed_.exchange(true))
    return failure("INTERNAL_SERVER_ERROR", "first-request-fails: the first request of this provider fails");
  return finish(request, route(request, origin, now, today));
}

Dispatcher::Outcome Dispatcher::route(const Request& request, const std::string& origin, std::int64_t now,
                                      const std::string& today) {
  Outcome out;
  const RouteMatch match = resolveRoute(request.method, request.path, pack_.practice().odsCode);
  const bool dstu2 = match.module && match.module->generation == FhirGeneration::Dstu2;
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

  if (!match.module || !match.interaction)
    return fail("NO_RECORD_FOUND", "no resource or operation at " + request.method + " " + request.path);
  if (match.wrongMethod && !hasFault(faults_, "wrong-verb-accepted"))
    return fail("BAD_REQUEST", "HTTP method " + request.method + " is not valid for " + request.path);
  const InteractionRow& row = *match.interaction;
  const InteractionId& interaction = interactionIdOf(row, request.header("Ssp-InteractionID").value_or(""));

  if (auto r = checkSspHeaders(request, faults_)) return fail(r->code, r->diagnostics);
  if (auto r = checkInteractionId(request, row, faults_)) return fail(r->code, r->diagnostics);
  json claims;
  const JwtRules rules{row.scope, interaction.reasonForRequest, dstu2, now};
  if (auto r = checkJwt(request, rules, faults_, claims)) return fail(r->code, r->diagnostics);

  json body;
  if (row.method == "POST" || row.method == "PUT") {
    if (request.body.empty())
      return fail("BAD_REQUEST", row.method == "PUT" || row.path == "Appointment"
                                     ? "request body is empty; an Appointment resource is required"
                                     : "request body is empty; a Parameters resource is required");
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

  const Call call{request, *match.module, interaction, match.ids, body, claims, origin + match.serviceRoot, today,
                  faults_, *data_, now};
  out.response = row.handler(call);
  return out;
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

}  // namespace gpc::provider::server
