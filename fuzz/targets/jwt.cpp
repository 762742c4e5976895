// The provider's bearer-token check decodes whatever a consumer puts in Authorization: input is
// the header value. It must answer with a rejection or accept, never throw or crash.
#include <nlohmann/json.hpp>

#include "fuzz/targets/fuzz_input.h"
#include "provider/server/jwt_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gpc::provider::server::Request request;
  request.method = "GET";
  request.path = "/metadata";
  request.headers.push_back({"Authorization", std::string(gpc::fuzz::asText(data, size))});
  nlohmann::json claims;
  for (const bool dstu2 : {false, true}) {
    gpc::provider::server::JwtRules rules;
    rules.scope = "patient/*.read";
    rules.dstu2 = dstu2;
    rules.now = 1700000000;
    gpc::provider::server::checkJwt(request, rules, {}, claims);
  }
  gpc::provider::server::base64UrlDecode(gpc::fuzz::asText(data, size));
  return 0;
}
