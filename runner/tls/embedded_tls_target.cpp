#include "runner/tls/embedded_tls_target.h"

#include <stdexcept>

#include "runner/target/url.h"

namespace gpc::tls {

void addMutualTlsEndpoint(Target& target, const std::string& tlsRootUrl, const ThrowawayPki& pki) {
  const auto foundations = target.endpoints.find("foundations");
  if (foundations == target.endpoints.end())
    throw std::invalid_argument("the target has no foundations endpoint to take the TLS endpoint's path from");
  const auto parts = splitUrl(foundations->second);
  const std::string endpoint = tlsRootUrl + (parts ? parts->rest : std::string());
  target.endpoints["tls"] = endpoint;
  target.tree["endpoints"]["tls"] = endpoint;

  auto& t = target.transport;
  t.verifyPeer = true;
  t.caBundle = pki.caCert().string();
  t.clientCert = pki.client().cert.string();
  t.clientKey = pki.client().key.string();
  nlohmann::json tree = {{"verify", true},
                         {"ca_bundle", t.caBundle},
                         {"client_cert", t.clientCert},
                         {"client_key", t.clientKey},
                         {"identities", nlohmann::json::object()}};
  for (const auto& [name, pair] : pki.badClients()) {
    TlsOverride id;
    id.identity = name;
    id.clientCert = pair.cert.string();
    id.clientKey = pair.key.string();
    target.tlsIdentities[name] = id;
    tree["identities"][name] = {{"client_cert", id.clientCert}, {"client_key", id.clientKey}};
  }
  target.tree["tls"] = std::move(tree);
}

}  // namespace gpc::tls
