#include "runner/load/request_export.h"

#include <fmt/format.h>

#include <cmath>
#include <random>

#include "runner/core/json_input.h"
#include "runner/core/load_error.h"
#include "runner/exec/case_run.h"

namespace gpc::load {
namespace {

using nlohmann::json;

// JSON text is JavaScript, except that U+2028/U+2029 end a line in older engines.
std::string jsLiteral(const json& value) {
  std::string text = value.dump(2);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\xE2\x80\xA8") == 0) { out += "\\u2028"; i += 2; }
    else if (text.compare(i, 3, "\xE2\x80\xA9") == 0) { out += "\\u2029"; i += 2; }
    else out += text[i];
  }
  return out;
}

std::string seconds(double s) { return fmt::format("{}s", static_cast<long long>(std::llround(s))); }

std::string threshold(double percentile, double limitMs) {
  return percentile >= 100 ? fmt::format("max<{}", limitMs) : fmt::format("p({})<{}", percentile, limitMs);
}

std::string scenario(const LoadPlan& plan) {
  const LoadShape& shape = plan.shape;
  if (!shape.open())
    return fmt::format("{{ executor: 'constant-vus', vus: {}, duration: '{}' }}", shape.concurrency, seconds(shape.durationSeconds));
  std::string stages;
  for (const auto& s : shape.stages) stages += fmt::format("\n        {{ target: {}, duration: '{}' }},", s.toRate, seconds(s.seconds));
  return fmt::format(
      "{{\n      executor: 'ramping-arrival-rate',\n      startRate: {},\n      timeUnit: '1s',\n"
      "      preAllocatedVUs: {},\n      maxVUs: {},\n      stages: [{}\n      ],\n    }}",
      shape.stages.front().fromRate, std::min<std::size_t>(plan.maxInFlight, 50), plan.maxInFlight, stages);
}

// curl config strings: double-quoted, backslash and quote escaped, newlines as \n.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out + "\"";
}

}  // namespace

std::vector<ExportedRequest> exportRequests(const LoadPlan& plan, const LoadEnvironment& env, const std::string& profileFile,
                                            const std::vector<std::string>& entryPointers) {
  std::vector<ExportedRequest> out;
  for (std::size_t i = 0; i < plan.mix.size(); ++i) {
    const PlannedEntry& entry = plan.mix[i];
    const Case& c = entry.validated;
    const std::string where = json_input::child(i < entryPointers.size() ? entryPointers[i] : "/mix", "case");
    auto refuse = [&](const std::string& why) {
      throw LoadError(profileFile, where, "case " + c.info.id + " " + why + ": k6 and curl cannot run it as the harness does (use a case of one step)");
    };
    if (c.steps.size() != 1) refuse("has " + std::to_string(c.steps.size()) + " steps");
    if (!c.steps.front().captures.empty()) refuse("captures values");
    if (!c.freshValues.empty()) refuse("needs generated values the provider must not hold");
    for (const Target& target : entry.targets) {
      ExecContext ctx{target, env.probes, env.fhir, env.fixturesRoot};
      CaseRun run(c, ctx);
      if (run.finished()) refuse("cannot be built: " + run.take().reason);
      ExportedRequest r;
      r.caseId = c.info.id;
      r.weight = entry.weight / static_cast<double>(entry.targets.size());
      r.interaction = run.step().interaction.name;
      r.kind = latency::toString(run.step().interaction.kind);
      r.request = run.request();
      r.jwtPayload = run.exchange().jwtPayload;
      if (const auto& status = run.step().expect.value("status", json()); status.is_number_integer()) r.expectStatus = status.get<long>();
      out.push_back(std::move(r));
    }
  }
  return out;
}

std::string k6Script(const std::vector<ExportedRequest>& requests, const LoadPlan& plan, const TransportOptions& transport,
                     const std::string& profileName) {
  json list = json::array();
  for (const auto& r : requests) {
    json headers = json::object();
    std::string jwtHeader;
    for (const auto& h : r.request.headers) {
      if (h.name == "Ssp-TraceID") continue;  // a fresh one per request, below
      if (h.name == "Authorization" && !r.jwtPayload.empty()) {
        const std::string token = h.value.substr(h.value.find(' ') + 1);
        jwtHeader = token.substr(0, token.find('.'));  // the JOSE header exactly as the harness sent it
        continue;
      }
      headers[h.name] = h.value;
    }
    json claims = r.jwtPayload.empty() ? json() : json::parse(r.jwtPayload);
    list.push_back({{"case", r.caseId}, {"weight", r.weight}, {"interaction", r.interaction}, {"kind", r.kind},
                    {"method", r.request.method}, {"url", r.request.url}, {"headers", headers},
                    {"body", r.request.body.empty() ? json() : json(r.request.body)}, {"jwtHeader", jwtHeader},
                    {"claims", claims}, {"status", r.expectStatus}});
  }
  const latency::Budget command = latency::budgetFor(latency::InteractionKind::Command);
  const latency::Budget query = latency::budgetFor(latency::InteractionKind::Query);
  std::string tls;
  if (!transport.clientCert.empty())
    tls = fmt::format("\n  tlsAuth: [{{ cert: open({}), key: open({}) }}],", json(transport.clientCert).dump(),
                      json(transport.clientKey).dump());
  if (!transport.verifyPeer) tls += "\n  insecureSkipTLSVerify: true,";
  return fmt::format(R"(// k6 script written by `gpc-assure load --export k6` from the load profile "{name}".
// The same request mix, shape and limits as the harness's own load run, for running beyond one
// machine (k6 cloud or distributed k6). Run: k6 run THIS_FILE
//
// What it checks: the HTTP status each case expects and the GP Connect volume and performance
// limits as thresholds (command SHALL < {cshall} ms, query SHALL < {qshall} ms, judged at {pct}).
// What it does not: the suites' FHIRPath checks and FHIR profile validation, which only
// `gpc-assure load` runs. k6 trusts the system CA store: a target with its own CA bundle needs it
// installed there.{cacomment}
import http from 'k6/http';
import {{ check }} from 'k6';
import encoding from 'k6/encoding';

export const options = {{
  scenarios: {{
    mix: {scenario},
  }},
  thresholds: {{
    'http_req_duration{{kind:command}}': ['{cthr}'],
    'http_req_duration{{kind:query}}': ['{qthr}'],
    http_req_failed: ['rate<={budget}'],
    checks: ['rate>={okrate}'],
  }},{tls}
}};

const requests = {requests};
const totalWeight = requests.reduce((sum, r) => sum + r.weight, 0);

function pick() {{
  let x = Math.random() * totalWeight;
  for (const r of requests) {{
    x -= r.weight;
    if (x < 0) return r;
  }}
  return requests[requests.length - 1];
}}

function uuid() {{
  const h = '0123456789abcdef';
  let s = '';
  for (let i = 0; i < 36; i++) {{
    if (i === 8 || i === 13 || i === 18 || i === 23) s += '-';
    else if (i === 14) s += '4';
    else if (i === 19) s += h[8 + Math.floor(Math.random() * 4)];
    else s += h[Math.floor(Math.random() * 16)];
  }}
  return s;
}}

// The unsigned GP Connect JWT with this moment's iat and exp (the lifetime as the harness sent it).
function jwt(r) {{
  const now = Math.floor(Date.now() / 1000);
  const claims = Object.assign({{}}, r.claims);
  const lifetime = (r.claims.exp !== undefined && r.claims.iat !== undefined) ? r.claims.exp - r.claims.iat : 300;
  claims.iat = now;
  claims.exp = now + lifetime;
  return r.jwtHeader + '.' + encoding.b64encode(JSON.stringify(claims), 'rawurl') + '.';
}}

export default function () {{
  const r = pick();
  const headers = Object.assign({{}}, r.headers, {{ 'Ssp-TraceID': uuid() }});
  if (r.claims) headers['Authorization'] = 'Bearer ' + jwt(r);
  const res = http.request(r.method, r.url, r.body, {{ headers, tags: {{ kind: r.kind, interaction: r.interaction, name: r.case }} }});
  if (r.status) check(res, {{ ['status ' + r.status]: (x) => x.status === r.status }});
}}
)",
                     fmt::arg("name", profileName), fmt::arg("cshall", command.shallMs), fmt::arg("qshall", query.shallMs),
                     fmt::arg("pct", plan.percentile >= 100 ? std::string("every answer") : fmt::format("p{}", plan.percentile)),
                     fmt::arg("cacomment", transport.caBundle.empty() ? "" : "\n// This target's CA bundle: " + transport.caBundle),
                     fmt::arg("scenario", scenario(plan)), fmt::arg("cthr", threshold(plan.percentile, command.shallMs)),
                     fmt::arg("qthr", threshold(plan.percentile, query.shallMs)), fmt::arg("budget", plan.errorBudget),
                     fmt::arg("okrate", 1.0 - plan.errorBudget), fmt::arg("tls", tls), fmt::arg("requests", jsLiteral(list)));
}

std::string curlConfig(const std::vector<ExportedRequest>& requests, std::size_t count, std::uint64_t seed,
                       const TransportOptions& transport) {
  std::vector<double> weights;
  for (const auto& r : requests) weights.push_back(r.weight);
  std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
  std::mt19937_64 random(seed);
  std::string out = "# curl config written by `gpc-assure load --export curl`: run with curl --parallel -K FILE\n";
  // Every URL carries its own TLS lines: `next` resets them.
  for (std::size_t i = 0; i < count; ++i) {
    const ExportedRequest& r = requests[pick(random)];
    if (i) out += "next\n";
    // Each answer's status on stdout (`next` resets per-request options, so every group has it).
    out += "url = " + quoted(r.request.url) + "\nrequest = " + quoted(r.request.method) +
           "\noutput = \"/dev/null\"\nwrite-out = \"%{http_code}\\n\"\n";
    if (!transport.caBundle.empty()) out += "cacert = " + quoted(transport.caBundle) + "\n";
    if (!transport.clientCert.empty()) out += "cert = " + quoted(transport.clientCert) + "\nkey = " + quoted(transport.clientKey) + "\n";
    if (!transport.verifyPeer) out += "insecure\n";
    for (const auto& h : r.request.headers) out += "header = " + quoted(h.name + ": " + h.value) + "\n";
    if (!r.request.body.empty()) out += "data-binary = " + quoted(r.request.body) + "\n";
  }
  return out;
}

}  // namespace gpc::load
