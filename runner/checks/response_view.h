#pragma once
// A response as the checks see it: the body parsed once (FHIR JSON, or FHIR XML converted to
// the JSON form by the FHIR engine) next to the raw exchange.

#include <string>

#include <nlohmann/json.hpp>

#include "runner/checks/fhir_services.h"
#include "runner/core/model.h"
#include "runner/suite/interactions.h"

namespace gpc::checks {

enum class BodyFormat { None, Json, Xml, Unknown };

struct ResponseView {
  const HttpRequest* request = nullptr;
  const HttpResponse* response = nullptr;
  FhirVersion fhir = FhirVersion::STU3;
  BodyFormat format = BodyFormat::None;  // from Content-Type (or sniffed when there is none)
  nlohmann::json body;                   // null unless the body parsed
  std::string parseError;                // why `body` is null although there was a body

  const nlohmann::json* resource() const { return body.is_object() ? &body : nullptr; }
};

ResponseView makeResponseView(const HttpRequest& request, const HttpResponse& response, FhirVersion fhir,
                              const FhirServices& services);

// Every value of a header (case-insensitive name), in order.
std::vector<std::string> headerValues(const Headers& headers, std::string_view name);

}  // namespace gpc::checks
