#pragma once
// Test doubles for the runner engine: a scripted Transport and a FHIR services fake.

#include "gpc/build_paths.h"
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "runner/checks/fhir_services.h"
#include "runner/http/transport.h"
#include "runner/suite/interactions.h"
#include "runner/target/target.h"

namespace gpc::testing {

class ScriptedTransport : public Transport {
 public:
  using Script = std::function<HttpResponse(const HttpRequest&)>;
  explicit ScriptedTransport(Script script) : script_(std::move(script)) {}
  HttpResponse send(const HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    sent.push_back(request);
    return script_(request);
  }
  std::vector<HttpRequest> sent;

 private:
  Script script_;
  std::mutex mutex_;
};

// Answers FHIRPath with canned results per expression; validation with canned issues.
class FakeFhirServices : public FhirServices {
 public:
  std::map<std::string, std::vector<nlohmann::json>> fhirpath;
  std::vector<ValidationIssue> issues;
  bool available() const override { return true; }
  std::vector<nlohmann::json> evaluateFhirPath(std::string_view expression, const nlohmann::json&,
                                               const std::map<std::string, nlohmann::json>&) const override {
    auto it = fhirpath.find(std::string(expression));
    if (it == fhirpath.end()) throw FhirPathError("unexpected expression " + std::string(expression));
    return it->second;
  }
  std::vector<ValidationIssue> validate(const nlohmann::json&, const std::vector<std::string>&) const override {
    return issues;
  }
  nlohmann::json xmlToJson(std::string_view, std::vector<std::string>*) const override {
    return {{"resourceType", "Patient"}, {"id", "from-xml"}};
  }
  std::string jsonToXml(const nlohmann::json& r) const override { return "<" + r.value("resourceType", "x") + "/>"; }
};

inline HttpResponse jsonResponse(long status, const nlohmann::json& body, Headers extra = {}) {
  HttpResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "application/fhir+json; charset=utf-8"}, {"Cache-Control", "no-store"}};
  for (auto& h : extra) r.headers.push_back(h);
  r.body = body.dump();
  r.elapsedMs = 12;
  return r;
}

inline InteractionTable projectInteractions() {
  return loadInteractions(std::filesystem::path(GPC_SOURCE_DIR) / "suites" / "interactions.json");
}

inline Target referenceTarget() {
  auto t = loadTarget(std::filesystem::path(GPC_SOURCE_DIR) / "fixtures" / "targets" / "reference.json");
  applyBaseUrl(t, "http://127.0.0.1:8080");
  return t;
}

}  // namespace gpc::testing
