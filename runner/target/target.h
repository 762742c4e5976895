#pragma once
// The target file (docs/target-file.md): where the provider is and what data it holds.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "runner/core/load_error.h"
#include "runner/http/transport.h"

namespace gpc {

struct Target {
  std::string name;
  std::string file;                               // as given, for reports
  std::map<std::string, std::string> endpoints;   // group -> service root URL (no trailing '/')
  std::string sspPrefix;                          // empty: direct
  std::string consumerAsid, providerAsid;
  std::string practiceOds;
  std::string jwtIss;
  std::map<std::string, std::string> jwtAud;      // group -> aud; missing group: its endpoint URL
  nlohmann::json requestingDevice, requestingOrganization, requestingPractitioner;
  TransportOptions transport;                     // http + tls sections, paths made absolute
  // tls.identities: named client identities the security.tls cases present instead of the
  // target's own (e.g. "expired"); paths made absolute. A case naming one the target lacks is skipped.
  std::map<std::string, TlsOverride> tlsIdentities;
  // The whole document with defaults filled in, for {patients.patient2.nhsNumber} variables.
  nlohmann::json tree;

  // The JWT aud for an endpoint group (explicit, else the endpoint's URL).
  std::string audFor(const std::string& group) const;
};

// Throws LoadError (`file: /pointer: reason`, unknown keys with a "did you mean" hint).
Target loadTarget(const std::filesystem::path& file);
// `baseDir` resolves relative paths (ca_bundle, client_cert, client_key).
Target parseTarget(const std::string& text, const std::string& displayName,
                   const std::filesystem::path& baseDir);

// Replaces scheme, host and port of every endpoint with those of `url`, keeping each
// endpoint's path (and updates `tree`). Throws std::invalid_argument on a URL without scheme/host.
void applyBaseUrl(Target& target, std::string_view url);

}  // namespace gpc
