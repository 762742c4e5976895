#include "provider/server/negotiation.h"

#include <algorithm>
#include <cctype>

#include "provider/server/faults.h"

namespace gpc::provider::server {
namespace {

std::string trim(std::string s) {
  auto notSpace = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
  s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
  return s;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The media type without parameters, lower-cased: "application/fhir+json".
std::string mediaType(const std::string& value) { return lower(trim(value.substr(0, value.find(';')))); }

// FHIR's _format short forms and both generations' MIME types. text/xml is not accepted: the
// official 0.7.x suite expects 415 for it.
std::optional<Format> formatOf(const std::string& type) {
  static const std::set<std::string> json = {"json", "application/json", "application/fhir+json", "application/json+fhir"};
  static const std::set<std::string> xml = {"xml", "application/xml", "application/fhir+xml", "application/xml+fhir"};
  if (json.count(type)) return Format::Json;
  if (xml.count(type)) return Format::Xml;
  return std::nullopt;
}

// First acceptable entry of an Accept list; wildcards mean "the default", i.e. JSON.
std::optional<Format> fromAccept(const std::string& accept) {
  std::size_t start = 0;
  while (start <= accept.size()) {
    std::size_t end = accept.find(',', start);
    if (end == std::string::npos) end = accept.size();
    const std::string type = mediaType(accept.substr(start, end - start));
    if (type == "*/*" || type == "application/*") return Format::Json;
    if (auto f = formatOf(type)) return f;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

Negotiated negotiate(const Request& request, const std::set<std::string>& faults) {
  Negotiated out;
  const auto contentType = request.header("Content-Type");
  if (!request.body.empty()) {
    if (!contentType) {
      out.requestBody = Format::Json;  // not given its own rule by the spec; JSON is the default
    } else if (auto f = formatOf(mediaType(*contentType))) {
      out.requestBody = f;
    } else {
      out.problem = "Content-Type '" + *contentType + "' is not a supported FHIR media type";
      return out;
    }
  }
  const auto formats = request.queryValues("_format");
  const auto accept = request.header("Accept");
  if (!formats.empty() && !hasFault(faults, "format-param-ignored")) {
    auto f = formatOf(mediaType(formats.front()));
    if (!f) {
      out.problem = "_format '" + formats.front() + "' is not a supported FHIR format";
      return out;
    }
    out.response = *f;
  } else if (accept && !trim(*accept).empty()) {
    auto f = fromAccept(*accept);
    if (!f) {
      out.problem = "Accept '" + *accept + "' names no supported FHIR media type";
      return out;
    }
    out.response = *f;
  } else if (out.requestBody) {
    out.response = *out.requestBody;
  }
  return out;
}

std::string fhirContentType(Format format, FhirGeneration generation, const std::set<std::string>& faults) {
  std::string type;
  if (hasFault(faults, "wrong-content-type"))
    type = format == Format::Json ? "application/json" : "application/xml";
  else if (generation == FhirGeneration::Dstu2)
    type = format == Format::Json ? "application/json+fhir" : "application/xml+fhir";
  else
    type = format == Format::Json ? "application/fhir+json" : "application/fhir+xml";
  if (!hasFault(faults, "missing-charset")) type += ";charset=utf-8";
  return type;
}

}  // namespace gpc::provider::server
