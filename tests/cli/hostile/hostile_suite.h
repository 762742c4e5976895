#pragma once
// Suite text for runs against the HostileServer: one metadata case per behaviour asked for.

#include <nlohmann/json.hpp>
#include <string>

namespace gpc::testing {

// A case reading /hostile/<behaviour> with `request` fields added and `expect` as given.
inline nlohmann::json hostileCase(const std::string& id, const std::string& behaviour, nlohmann::json request,
                                  nlohmann::json expect) {
  if (!request.contains("url")) request["path"] = "/hostile/" + behaviour;
  return {{"id", id},
          {"title", "a provider that answers with " + behaviour},
          {"requirement", "foundations#metadata"},
          {"request", std::move(request)},
          {"expect", std::move(expect)}};
}

inline std::string hostileSuite(nlohmann::json cases) {
  return nlohmann::json({{"suite", "hostile.provider"},
                         {"capability", "foundations"},
                         {"spec", "1.6.2"},
                         {"interaction", "read:metadata"},
                         {"cases", std::move(cases)}})
      .dump(2);
}

}  // namespace gpc::testing
