#include "runner/target/target_skeleton.h"

#include <regex>

#include "runner/core/json_input.h"

namespace gpc {
namespace {

// The data pack's named entries without "id": a logical id is the provider's own. Cases that
// need one are skipped until it is added (runner/suite/target_requirements.h).
nlohmann::ordered_json withoutIds(const nlohmann::json& section) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (!section.is_object()) return out;
  for (const auto& [name, entry] : section.items()) {
    nlohmann::ordered_json kept = nlohmann::ordered_json::object();
    for (const auto& [key, value] : entry.items())
      if (key != "id") kept[key] = value;
    out[name] = kept;
  }
  return out;
}

}  // namespace

nlohmann::ordered_json targetSkeleton(const nlohmann::json& dataPackTarget) {
  const auto section = [&dataPackTarget](const char* key) {
    return withoutIds(dataPackTarget.is_object() ? dataPackTarget.value(key, nlohmann::json::object()) : nlohmann::json());
  };
  const std::string root = "https://<provider host>/<practice ODS code>";
  nlohmann::ordered_json t;
  t["_comment"] =
      "Written by `gpc-assure target init`. Replace every <...> value, delete what does not apply, then run "
      "`gpc-assure target check THIS-FILE`. Keys starting with '_' are comments. Every field: docs/target-file.md.";
  t["name"] = "<your GP system> - <environment>";
  t["_endpoints"] =
      "Service root per endpoint group, as published in SDS. Leave a group out and the cases needing it are skipped. "
      "Add \"tls\": \"https://<host>:<port>/<ODS>/STU3/1/gpconnect\" (the provider's own TLS listener) for the "
      "security.tls cases.";
  t["endpoints"] = {{"foundations", root + "/STU3/1/gpconnect"},
                    {"structured", root + "/STU3/1/gpconnect/structured"},
                    {"documents", root + "/STU3/1/gpconnect/documents"},
                    {"html", root + "/DSTU2/1/gpconnect"}};
  t["_ssp_prefix"] = "Through the Spine Secure Proxy: requests go to <ssp_prefix>/<endpoint>/<path>. Delete for direct.";
  t["ssp_prefix"] = "https://<SSP host>";
  t["_asid"] = "Ssp-From (your consumer system's ASID) and Ssp-To (the provider system's ASID).";
  t["asid"] = {{"consumer", "<consumer ASID>"}, {"provider", "<provider ASID>"}};
  t["practice"] = {{"ods", "<practice ODS code>"}};
  t["_jwt"] = "iss: your consumer system's URL. aud and the requesting_* claims have defaults (docs/target-file.md).";
  t["jwt"] = {{"iss", "<https://your consumer system URL>"}};
  t["_patients"] =
      "The GP Connect test data pack as loaded at the provider. Add each patient's logical id (\"id\": \"...\") to "
      "run the read cases; a case needing a value the file lacks is skipped, naming it.";
  t["patients"] = section("patients");
  t["organisations"] = section("organisations");
  t["practitioners"] = section("practitioners");
  t["locations"] = section("locations");
  t["_http"] = "Optional: \"proxy\": \"http://<proxy host>:<port>\" and limits (seconds, bytes).";
  t["http"] = {{"connect_timeout_seconds", 10}, {"timeout_seconds", 30}};
  t["_tls"] =
      "Paths relative to this file. client_cert + client_key: mutual TLS (the SSP requires it). Optional: "
      "\"identities\" for the security.tls cases (docs/target-file.md).";
  t["tls"] = {{"verify", true},
              {"ca_bundle", "<CA bundle, PEM>"},
              {"client_cert", "<client certificate, PEM>"},
              {"client_key", "<client private key, PEM>"}};
  return t;
}

std::optional<Placeholder> firstPlaceholder(const nlohmann::json& document) {
  static const std::regex placeholder("<[^<>]+>");
  if (document.is_string()) {
    const auto& text = document.get_ref<const std::string&>();
    if (std::regex_search(text, placeholder)) return Placeholder{"", text};
  }
  if (document.is_object() || document.is_array()) {
    for (const auto& [key, value] : document.items()) {
      if (document.is_object() && !key.empty() && key[0] == '_') continue;
      if (auto found = firstPlaceholder(value)) {
        found->pointer = json_input::child("", key) + found->pointer;
        return found;
      }
    }
  }
  return std::nullopt;
}

}  // namespace gpc
