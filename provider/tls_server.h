#pragma once
// The reference provider's TLS face: an httplib::SSLServer configured as the spec asks of a
// provider's listener (development_api_security_guidance "Secure connection negotiation": TLS 1.2+
// only, the AESGCM/AES256 + ECDHE/DHE cipher families, mutual TLS with the SSP's certificate),
// and the fault switches that each break one of those rules.

#include <httplib.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "provider/reference_provider.h"

namespace gpc::provider {

// Throws std::runtime_error naming the unreadable or unusable file.
std::unique_ptr<httplib::Server> makeTlsServer(const TlsOptions& tls, const std::set<std::string>& faults);

}  // namespace gpc::provider
