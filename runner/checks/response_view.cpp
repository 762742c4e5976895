#include "runner/checks/response_view.h"

#include "runner/fhir/json_depth.h"
#include "runner/request/request_builder.h"

namespace gpc::checks {

std::vector<std::string> headerValues(const Headers& headers, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& h : headers)
    if (iequals(h.name, name)) out.push_back(h.value);
  return out;
}

ResponseView makeResponseView(const HttpRequest& request, const HttpResponse& response, FhirVersion fhir,
                              const FhirServices& services) {
  ResponseView v;
  v.request = &request;
  v.response = &response;
  v.fhir = fhir;
  if (response.body.empty()) return v;
  auto types = headerValues(response.headers, "Content-Type");
  std::string type = types.empty() ? "" : types.front();
  for (auto& c : type) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (type.find("json") != std::string::npos) v.format = BodyFormat::Json;
  else if (type.find("xml") != std::string::npos) v.format = BodyFormat::Xml;
  else if (type.empty()) {
    auto first = response.body.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (response.body[first] == '{' || response.body[first] == '['))
      v.format = BodyFormat::Json;
    else if (first != std::string::npos && response.body[first] == '<')
      v.format = BodyFormat::Xml;
    else
      v.format = BodyFormat::Unknown;
  } else {
    v.format = BodyFormat::Unknown;
  }
  if (v.format == BodyFormat::Json) {
    try {
      v.body = fhir::parseJsonWithinDepth(response.body);
    } catch (const nlohmann::json::parse_error& e) {
      v.parseError = std::string("body is not valid JSON: ") + e.what();
    } catch (const fhir::JsonTooDeep& e) {
      v.parseError = std::string("body is not usable: ") + e.what();
    }
  } else if (v.format == BodyFormat::Xml) {
    if (!services.available()) {
      v.parseError = "XML body: FHIR engine not available to read it";
    } else {
      try {
        std::vector<std::string> problems;
        v.body = services.xmlToJson(response.body, &problems);
        if (v.body.is_null()) v.parseError = "body is not valid XML" + (problems.empty() ? "" : ": " + problems.front());
      } catch (const std::exception& e) {
        v.parseError = std::string("body is not valid FHIR XML: ") + e.what();
      }
    }
  } else {
    v.parseError = "body has Content-Type \"" + type + "\", neither JSON nor XML";
  }
  return v;
}

}  // namespace gpc::checks
