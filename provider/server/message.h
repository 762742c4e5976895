#pragma once
// The provider's own view of one HTTP exchange, free of the HTTP library, so that every
// rule (headers, JWT, routing, the interactions) is a plain function over plain data.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace gpc::provider::server {

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;   // "GET", "POST", ...
  std::string path;     // decoded path without the query string
  NameValues query;     // decoded, in request order (repeats kept)
  NameValues headers;   // as received (names in any case, repeats kept)
  std::string body;

  // Every value of header `name` (case-insensitive).
  std::vector<std::string> headerValues(std::string_view name) const;
  // The single value of header `name`, or nullopt when absent.
  std::optional<std::string> header(std::string_view name) const;
  std::vector<std::string> queryValues(std::string_view name) const;
};

enum class Format { Json, Xml };

// What a handler answers. The pipeline adds the cross-cutting headers, serialises `body` in the
// negotiated format, and compresses.
struct Response {
  int status = 200;
  nlohmann::json body;        // a FHIR resource
  NameValues headers;         // extra headers (ETag, Location)
  std::string contentType;    // empty: the negotiated FHIR media type
  std::string rawBody;        // used instead of body when contentType is set and body is null
};

bool iequals(std::string_view a, std::string_view b);

// Splits a raw query string ("a=1&b=x%7Cy") into decoded pairs in request order, keeping exact
// repeats: HTTP libraries commonly drop a repeated identical pair, yet a repeated search
// parameter is a 400 the provider must be able to see. '+' decodes to a space; a malformed
// %-escape is kept literally.
NameValues parseQueryString(std::string_view raw);

}  // namespace gpc::provider::server
