#include "provider/records/fhir_build.h"

#include <cstdint>
#include <cstdio>

namespace gpc::provider::records::fhir {

nlohmann::json meta(std::string_view profileName) {
  return {{"profile", nlohmann::json::array({std::string(kStu3Profiles) + std::string(profileName)})}};
}

nlohmann::json coding(std::string_view system, std::string_view code, std::string_view display) {
  return {{"system", system}, {"code", code}, {"display", display}};
}

nlohmann::json snomedConcept(const nlohmann::json& pair) {
  return {{"coding", nlohmann::json::array({coding(kSnomed, pair.at(0).get<std::string>(), pair.at(1).get<std::string>())})},
          {"text", pair.at(1)}};
}

nlohmann::json reference(std::string_view type, std::string_view id) {
  return {{"reference", std::string(type) + "/" + std::string(id)}};
}

std::string stableUuid(std::string_view seed) {
  // Two FNV-1a passes give 128 bits; the version nibble marks it as a name-based UUID.
  std::uint64_t a = 1469598103934665603ULL;
  std::uint64_t b = 1099511628211ULL ^ 0x9e3779b97f4a7c15ULL;
  for (unsigned char c : seed) {
    a = (a ^ c) * 1099511628211ULL;
    b = (b ^ c) * 0x100000001b3ULL + 0x7f4a7c15;
  }
  char out[37];
  std::snprintf(out, sizeof out, "%08x-%04x-5%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return out;
}

nlohmann::json businessIdentifier(std::string_view fixtureId) {
  return {{"system", "https://fhir.nhs.uk/Id/cross-care-setting-identifier"}, {"value", stableUuid(fixtureId)}};
}

std::string dateTime(std::string_view d) {
  if (d.size() == 10) return std::string(d) + "T00:00:00+00:00";
  return std::string(d);
}

}  // namespace gpc::provider::records::fhir
