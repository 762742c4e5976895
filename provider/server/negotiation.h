#pragma once
// Content negotiation (spec-facts §5): _format over Accept over Content-Type, JSON by default,
// 415 for a format the provider cannot produce or read.

#include <optional>
#include <set>
#include <string>

#include "provider/server/message.h"

namespace gpc::provider::server {

enum class FhirGeneration { Stu3, Dstu2 };  // STU3: application/fhir+json; DSTU2: application/json+fhir

struct Negotiated {
  Format response = Format::Json;
  std::optional<Format> requestBody;  // set when the request has a body
  std::string problem;                // non-empty: 415, naming the header or parameter at fault
};

Negotiated negotiate(const Request& request, const std::set<std::string>& faults);

// The media type (with charset unless the missing-charset fault) for a FHIR response.
std::string fhirContentType(Format format, FhirGeneration generation, const std::set<std::string>& faults);

}  // namespace gpc::provider::server
