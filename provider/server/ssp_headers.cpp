#include "provider/server/ssp_headers.h"

#include <algorithm>
#include <cctype>

#include "provider/server/faults.h"

namespace gpc::provider::server {
namespace {

bool isDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

Rejection bad(std::string diagnostics) { return {"BAD_REQUEST", std::move(diagnostics)}; }

}  // namespace

bool isUuid(std::string_view v) {
  if (v.size() != 36) return false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? v[i] != '-' : !std::isxdigit(static_cast<unsigned char>(v[i]))) return false;
  }
  return true;
}

Check checkSspHeaders(const Request& request, const std::set<std::string>& faults) {
  for (const char* name : {"Ssp-TraceID", "Ssp-From", "Ssp-To", "Ssp-InteractionID"}) {
    const auto values = request.headerValues(name);
    if (values.empty()) return bad(std::string(name) + " header is missing");
    if (values.size() > 1) return bad(std::string(name) + " header is repeated");
    if (values.front().find_first_not_of(" \t") == std::string::npos)
      return bad(std::string(name) + " header is empty");
  }
  const std::string trace = *request.header("Ssp-TraceID");
  if (!isUuid(trace) && !hasFault(faults, "trace-id-not-checked"))
    return bad("Ssp-TraceID '" + trace + "' is not a UUID");
  const std::string from = *request.header("Ssp-From");
  if (!isDigits(from)) return bad("Ssp-From '" + from + "' is not an ASID (digits)");
  const std::string to = *request.header("Ssp-To");
  if (!isDigits(to)) return bad("Ssp-To '" + to + "' is not an ASID (digits)");
  if (to != kProviderAsid && !hasFault(faults, "ssp-to-not-checked"))
    return bad("Ssp-To '" + to + "' is not this provider's ASID " + std::string(kProviderAsid));
  return std::nullopt;
}

Check checkInteractionId(const Request& request, const InteractionRow& interaction,
                         const std::set<std::string>& faults) {
  if (hasFault(faults, "interaction-id-not-checked")) return std::nullopt;
  const std::string id = request.header("Ssp-InteractionID").value_or("");
  for (const auto& allowed : interaction.ids)
    if (allowed.id == id) return std::nullopt;
  if (isKnownInteractionId(id))
    return bad("Ssp-InteractionID '" + id + "' does not match the request " + std::string(interaction.method) + " " +
               std::string(interaction.path));
  return bad("Ssp-InteractionID '" + id + "' is not a GP Connect interaction id");
}

}  // namespace gpc::provider::server
