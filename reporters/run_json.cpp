#include "reporters/run_json.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "reporters/baseline_changes.h"
#include "reporters/digest.h"
#include "reporters/requirement_matrix.h"
#include "reporters/text_safety.h"
#include "runner/latency/run_latency.h"
#include "runner/request/encoding.h"

namespace gpc::reporters {
namespace {

using Json = nlohmann::ordered_json;

// ---- writing --------------------------------------------------------------------------

// Bytes from the target that must survive exactly: plain text when valid UTF-8, else base64.
void putBytes(Json& obj, const std::string& key, const std::string& bytes) {
  const bool utf8 = isValidUtf8(bytes);
  obj[key] = utf8 ? bytes : base64Encode(bytes);
  obj[key + "_encoding"] = utf8 ? "utf-8" : "base64";
}

Json headersJson(const Headers& headers) {
  Json arr = Json::array();
  for (const auto& h : headers) arr.push_back(Json{{"name", h.name}, {"value", h.value}});
  return arr;
}

Json requestJson(const HttpRequest& r) {
  Json j{{"method", r.method}, {"url", r.url}, {"headers", headersJson(r.headers)}};
  putBytes(j, "body", r.body);
  return j;
}

Json responseJson(const HttpResponse& r) {
  Json j{{"status", r.status}, {"http_version", r.httpVersion}, {"headers", headersJson(r.headers)}};
  putBytes(j, "body", r.body);
  j["body_truncated"] = r.bodyTruncated;
  j["content_encoding"] = r.contentEncoding;
  j["elapsed_ms"] = r.elapsedMs;
  j["provider_ms"] = r.providerMs;
  j["transport_error"] = r.transportError;
  return j;
}

Json exchangeJson(const Exchange& e) {
  Json j{{"step", e.step},
         {"interaction", e.interaction},
         {"kind", e.kind},
         {"request", requestJson(e.request)},
         {"response", responseJson(e.response)}};
  putBytes(j, "jwt_payload", e.jwtPayload);
  return j;
}

Json checkJson(const CheckResult& c) {
  return Json{{"kind", c.kind},         {"subject", c.subject},   {"passed", c.passed},
              {"errored", c.errored},   {"message", c.message},   {"expected", c.expected},
              {"actual", c.actual},     {"step", c.step},         {"warning", c.warning}};
}

void putEvidence(Json& j, const std::vector<CheckResult>& checks, const std::vector<Exchange>& exchanges) {
  Json checkList = Json::array();
  for (const auto& check : checks) checkList.push_back(checkJson(check));
  j["checks"] = std::move(checkList);
  Json exchangeList = Json::array();
  for (const auto& e : exchanges) exchangeList.push_back(exchangeJson(e));
  j["exchanges"] = std::move(exchangeList);
}

Json waiverJson(const Waiver& w) {
  return Json{{"case", w.caseGlob}, {"reason", w.reason}, {"reference", w.reference},
              {"approved_by", w.approvedBy}, {"expires", w.expires}};
}

Json appliedWaiverJson(const std::optional<AppliedWaiver>& applied) {
  if (!applied) return nullptr;
  Json j = waiverJson(applied->waiver);
  j["original_verdict"] = toString(applied->original);
  j["expired"] = applied->expired;
  return j;
}

Json caseJson(const CaseResult& c) {
  const CaseInfo& i = c.info;
  Json j{{"id", i.id},
         {"title", i.title},
         {"suite_id", i.suiteId},
         {"suite_file", i.suiteFile},
         {"capability", i.capability},
         {"spec_version", i.specVersion},
         {"tags", i.tags},
         {"requirement", i.requirement},
         {"official", i.official},
         {"note", i.note},
         {"verdict", toString(c.verdict)},
         {"reason", c.reason},
         {"duration_ms", c.durationMs}};
  putEvidence(j, c.checks, c.exchanges);
  Json retried = Json::array();
  for (const auto& attempt : c.retried) {
    Json a{{"verdict", toString(attempt.verdict)}, {"reason", attempt.reason}, {"duration_ms", attempt.durationMs}};
    putEvidence(a, attempt.checks, attempt.exchanges);
    retried.push_back(std::move(a));
  }
  j["retried"] = std::move(retried);
  j["waiver"] = appliedWaiverJson(c.waiver);
  return j;
}

// null for a whole run; the part a sharded run was, or what a merged report combines.
Json shardJson(const ShardInfo& s) {
  if (s.count == 0) return nullptr;
  return Json{{"index", s.index}, {"count", s.count}, {"selected", s.selected},
              {"balanced_by", s.balancedBy}, {"merged", s.merged}};
}

Json waiversJson(const std::vector<Waiver>& waivers) {
  Json arr = Json::array();
  for (const auto& w : waivers) arr.push_back(waiverJson(w));
  return arr;
}

Json baselineJson(const std::optional<BaselineRun>& baseline, const std::optional<BaselineComparison>& comparison) {
  if (!baseline || !comparison) return nullptr;
  Json removed = Json::array();
  for (const auto& [id, verdict] : comparison->removed) removed.push_back(Json{{"id", id}, {"verdict", toString(verdict)}});
  Json cases = Json::array();
  for (const auto& [id, verdict] : baseline->verdicts) cases.push_back(Json{{"id", id}, {"verdict", toString(verdict)}});
  Json changes = Json::object();
  for (Change c : {Change::Regressed, Change::Fixed, Change::New, Change::StillFailing, Change::Unchanged})
    changes[toString(c)] = comparison->count(c);
  changes["removed"] = comparison->removed.size();
  return Json{{"file", baseline->file},        {"started_at", baseline->startedAt},
              {"result_sha256", baseline->resultSha256}, {"changes", std::move(changes)},
              {"removed", std::move(removed)}, {"cases", std::move(cases)}};
}

// The requirement matrix, derived from the cases (so not read back).
Json requirementsJson(const std::vector<CaseResult>& cases) {
  Json arr = Json::array();
  for (const auto& row : requirementMatrix(cases)) {
    std::string verdict = toString(row.verdict);
    std::replace(verdict.begin(), verdict.end(), ' ', '_');
    arr.push_back(Json{{"requirement", row.requirement}, {"verdict", verdict}, {"cases", row.caseIds},
                       {"passed", row.passed}, {"failed", row.failed}, {"errored", row.errored}, {"flaky", row.flaky},
                       {"waived", row.waived}, {"not_run", row.notRun}});
  }
  return arr;
}

Json runJson(const RunResult& r, const std::optional<BaselineComparison>& comparison) {
  const RunInfo& i = r.info;
  Json endpoints = Json::object();
  for (const auto& [group, url] : i.endpoints) endpoints[group] = url;  // std::map: sorted
  return Json{{"tool_version", i.toolVersion}, {"target_name", i.targetName},
              {"target_file", i.targetFile},   {"endpoints", std::move(endpoints)},
              {"faults", i.faults},            {"started_at", i.startedAt},
              {"finished_at", r.finishedAt},   {"duration_ms", r.durationMs},
              {"jobs", i.jobs},                {"filters", i.filters},
              {"seed", i.seed}, {"stopped", r.stopped}, {"shard", shardJson(i.shard)},
              {"retries", i.retries},
              {"waivers_file", i.waiversFile}, {"waivers", waiversJson(i.waivers)},
              {"baseline", baselineJson(i.baseline, comparison)}};
}

Json summaryJson(const RunResult& r) {
  const RunSummary& s = r.summary;
  return Json{{"total", s.total},     {"passed", s.passed},   {"failed", s.failed},
              {"errored", s.errored}, {"skipped", s.skipped}, {"warnings", latency::countWarnings(r.cases)},
              {"flaky", s.flaky},     {"waived", s.waived}};
}

Json latencyJson(const RunResult& r) {
  Json rows = Json::array();
  for (const auto& row : latency::summariseLatency(r.cases)) {
    const auto budget = latency::budgetFor(row.kind);
    rows.push_back(Json{{"interaction", row.interaction}, {"kind", latency::toString(row.kind)},
                        {"shall_ms", budget.shallMs},     {"should_ms", budget.shouldMs},
                        {"count", row.count},             {"p50_ms", row.p50Ms},
                        {"p95_ms", row.p95Ms},            {"max_ms", row.maxMs},
                        {"over_should", row.overShould},  {"over_shall", row.overShall}});
  }
  return rows;
}

// ---- reading --------------------------------------------------------------------------

// A JSON value with the path that led to it, so every error names its place.
class Node {
 public:
  Node(const Json& value, std::string path) : value_(value), path_(std::move(path)) {}

  bool has(const std::string& key) const { return value_.is_object() && value_.contains(key); }
  bool isNull() const { return value_.is_null(); }

  Node at(const std::string& key) const {
    if (!value_.is_object()) fail("expected an object");
    const auto it = value_.find(key);
    if (it == value_.end()) throw JsonReportError(path_ + "/" + key + ": missing");
    return Node(*it, path_ + "/" + key);
  }
  std::vector<Node> items() const {
    if (!value_.is_array()) fail("expected an array");
    std::vector<Node> out;
    for (std::size_t k = 0; k < value_.size(); ++k) out.emplace_back(value_[k], path_ + "/" + std::to_string(k));
    return out;
  }
  std::vector<std::pair<std::string, Node>> members() const {
    if (!value_.is_object()) fail("expected an object");
    std::vector<std::pair<std::string, Node>> out;
    for (const auto& [k, v] : value_.items()) out.emplace_back(k, Node(v, path_ + "/" + k));
    return out;
  }
  std::string str() const {
    if (!value_.is_string()) fail("expected a string");
    return value_.get<std::string>();
  }
  double number() const {
    if (!value_.is_number()) fail("expected a number");
    return value_.get<double>();
  }
  long integer() const {
    if (!value_.is_number_integer()) fail("expected an integer");
    return value_.get<long>();
  }
  bool boolean() const {
    if (!value_.is_boolean()) fail("expected true or false");
    return value_.get<bool>();
  }
  std::vector<std::string> strings() const {
    std::vector<std::string> out;
    for (const auto& n : items()) out.push_back(n.str());
    return out;
  }
  [[noreturn]] void fail(const std::string& reason) const {
    throw JsonReportError((path_.empty() ? "/" : path_) + ": " + reason);
  }

 private:
  const Json& value_;
  std::string path_;
};

std::string readBytes(const Node& obj, const std::string& key) {
  const std::string text = obj.at(key).str();
  const Node encoding = obj.at(key + "_encoding");
  const std::string enc = encoding.str();
  if (enc == "utf-8") return text;
  if (enc != "base64") encoding.fail("unknown encoding '" + enc + "' (expected utf-8 or base64)");
  auto bytes = base64Decode(text);
  if (!bytes) obj.at(key).fail("not valid base64");
  return *bytes;
}

Headers readHeaders(const Node& n) {
  Headers out;
  for (const auto& h : n.items()) out.push_back({h.at("name").str(), h.at("value").str()});
  return out;
}

Verdict readVerdict(const Node& n) {
  const std::string v = n.str();
  for (Verdict candidate : {Verdict::Passed, Verdict::Failed, Verdict::Errored, Verdict::Skipped,
                            Verdict::Flaky, Verdict::Waived}) {
    if (v == toString(candidate)) return candidate;
  }
  n.fail("unknown verdict '" + v + "' (expected passed, failed, errored, skipped, flaky or waived)");
}

Waiver readWaiver(const Node& n) {
  return Waiver{n.at("case").str(), n.at("reason").str(), n.at("reference").str(), n.at("approved_by").str(),
                n.at("expires").str()};
}

// Added in 1.5 (run --baseline). Its counts and each case's `change` are derived, so not read.
BaselineRun readBaseline(const Node& n) {
  BaselineRun b{n.at("file").str(), n.at("started_at").str(), n.at("result_sha256").str(), {}};
  for (const auto& c : n.at("cases").items()) b.verdicts.emplace_back(c.at("id").str(), readVerdict(c.at("verdict")));
  return b;
}

// Added in 1.5: null, or the waiver that matched the failing case.
std::optional<AppliedWaiver> readAppliedWaiver(const Node& n) {
  if (!n.has("waiver") || n.at("waiver").isNull()) return std::nullopt;
  const Node w = n.at("waiver");
  AppliedWaiver applied{readWaiver(w), readVerdict(w.at("original_verdict")), w.at("expired").boolean()};
  if (applied.original != Verdict::Failed && applied.original != Verdict::Errored)
    w.at("original_verdict").fail("a waiver applies only to a failed or errored case");
  return applied;
}

Exchange readExchange(const Node& n) {
  Exchange e;
  e.step = n.at("step").str();
  e.interaction = n.at("interaction").str();
  if (n.has("kind")) e.kind = n.at("kind").str();  // added in 1.3
  const Node req = n.at("request");
  e.request.method = req.at("method").str();
  e.request.url = req.at("url").str();
  e.request.headers = readHeaders(req.at("headers"));
  e.request.body = readBytes(req, "body");
  const Node res = n.at("response");
  e.response.status = res.at("status").integer();
  e.response.httpVersion = res.at("http_version").str();
  e.response.headers = readHeaders(res.at("headers"));
  e.response.body = readBytes(res, "body");
  e.response.bodyTruncated = res.at("body_truncated").boolean();
  e.response.contentEncoding = res.at("content_encoding").str();
  e.response.elapsedMs = res.at("elapsed_ms").number();
  if (res.has("provider_ms")) e.response.providerMs = res.at("provider_ms").number();  // added in 1.3
  e.response.transportError = res.at("transport_error").str();
  e.jwtPayload = readBytes(n, "jwt_payload");
  return e;
}

CheckResult readCheck(const Node& n) {
  CheckResult c;
  c.kind = n.at("kind").str();
  c.subject = n.at("subject").str();
  c.passed = n.at("passed").boolean();
  c.errored = n.has("errored") && n.at("errored").boolean();  // added in 1.0; absent means false
  c.message = n.at("message").str();
  c.expected = n.at("expected").str();
  c.actual = n.at("actual").str();
  c.step = n.at("step").str();
  c.warning = n.has("warning") && n.at("warning").boolean();  // added in 1.3
  return c;
}

CaseResult readCase(const Node& n) {
  CaseResult c;
  CaseInfo& i = c.info;
  i.id = n.at("id").str();
  i.title = n.at("title").str();
  i.suiteId = n.at("suite_id").str();
  i.suiteFile = n.at("suite_file").str();
  i.capability = n.at("capability").str();
  i.specVersion = n.at("spec_version").str();
  i.tags = n.at("tags").strings();
  i.requirement = n.at("requirement").str();
  i.official = n.at("official").strings();
  i.note = n.at("note").str();
  c.verdict = readVerdict(n.at("verdict"));
  c.reason = n.at("reason").str();
  c.durationMs = n.at("duration_ms").number();
  for (const auto& check : n.at("checks").items()) c.checks.push_back(readCheck(check));
  for (const auto& e : n.at("exchanges").items()) c.exchanges.push_back(readExchange(e));
  // Added in 1.4 (`run --retries`); absent: the case ran once.
  if (n.has("retried"))
    for (const auto& a : n.at("retried").items()) {
      CaseAttempt attempt;
      attempt.verdict = readVerdict(a.at("verdict"));
      attempt.reason = a.at("reason").str();
      attempt.durationMs = a.at("duration_ms").number();
      for (const auto& check : a.at("checks").items()) attempt.checks.push_back(readCheck(check));
      for (const auto& e : a.at("exchanges").items()) attempt.exchanges.push_back(readExchange(e));
      c.retried.push_back(std::move(attempt));
    }
  c.waiver = readAppliedWaiver(n);
  return c;
}

int readCount(const Node& n) { return static_cast<int>(n.integer()); }

std::uint64_t readSeed(const Node& n) {
  const long value = n.integer();
  if (value < 0) n.fail("expected a seed of 0 or more");
  return static_cast<std::uint64_t>(value);
}

ShardInfo readShard(const Node& n) {
  ShardInfo s;
  if (n.isNull()) return s;
  s.index = static_cast<int>(n.at("index").integer());
  s.count = static_cast<int>(n.at("count").integer());
  s.selected = static_cast<int>(n.at("selected").integer());
  s.balancedBy = n.at("balanced_by").str();
  s.merged = static_cast<int>(n.at("merged").integer());
  if (s.count < 1) n.at("count").fail("expected a shard count of 1 or more");
  return s;
}

}  // namespace

std::string canonicalJson(const RunResult& result) {
  std::optional<BaselineComparison> comparison;
  if (result.info.baseline) comparison = compareWithBaseline(*result.info.baseline, result.cases);
  Json doc{{"schema_version", kJsonSchemaVersion},
           {"run", runJson(result, comparison)},
           {"summary", summaryJson(result)}};
  // Derived from the exchanges (and not read back): p50/p95/max per interaction against its budget.
  doc["latency"] = latencyJson(result);
  Json cases = Json::array();
  for (std::size_t i = 0; i < result.cases.size(); ++i) {
    Json c = caseJson(result.cases[i]);
    // Derived from run.baseline, written for readers; empty without a baseline (or, for
    // baseline_verdict, when the case is new).
    const CaseChange* change = comparison ? &comparison->cases[i] : nullptr;
    c["change"] = change ? toString(change->change) : "";
    c["baseline_verdict"] = change && change->before ? toString(*change->before) : "";
    cases.push_back(std::move(c));
  }
  doc["cases"] = std::move(cases);
  doc["requirements"] = requirementsJson(result.cases);
  // replace: any other string with bad bytes (a header value, a message) keeps its valid text.
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string resultDigest(const RunResult& result) { return sha256Hex(canonicalJson(result)); }

RunResult runResultFromJson(std::string_view json) {
  Json doc;
  try {
    doc = Json::parse(json);
  } catch (const Json::parse_error& e) {
    throw JsonReportError(std::string("not JSON: ") + e.what());
  }
  const Node root(doc, "");
  const Node version = root.at("schema_version");
  const std::string v = version.str();
  const std::string major = std::string(kJsonSchemaVersion.substr(0, kJsonSchemaVersion.find('.')));
  if (v.substr(0, v.find('.')) != major) {
    version.fail("schema version '" + v + "' is not readable by this version (expects " +
                 std::string(kJsonSchemaVersion) + ")");
  }
  RunResult r;
  const Node run = root.at("run");
  r.info.toolVersion = run.at("tool_version").str();
  r.info.targetName = run.at("target_name").str();
  r.info.targetFile = run.at("target_file").str();
  for (const auto& [group, url] : run.at("endpoints").members()) r.info.endpoints[group] = url.str();
  r.info.faults = run.at("faults").strings();
  r.info.startedAt = run.at("started_at").str();
  r.finishedAt = run.at("finished_at").str();
  r.durationMs = run.at("duration_ms").number();
  r.info.jobs = static_cast<int>(run.at("jobs").integer());
  r.info.filters = run.at("filters").strings();
  // Added in 1.1; a 1.0 report has none (its run generated nothing).
  if (run.has("seed")) r.info.seed = readSeed(run.at("seed"));
  // Added in 1.2 (runs interrupted or stopped by --max-failures); empty: every case ran.
  if (run.has("stopped")) r.stopped = run.at("stopped").str();
  // Added in 1.4 (`run --shard`, `gpc-assure merge`); null or absent: a whole run.
  if (run.has("shard")) r.info.shard = readShard(run.at("shard"));
  if (run.has("retries")) r.info.retries = static_cast<int>(run.at("retries").integer());  // 1.4
  // Added in 1.5 (run --waivers).
  if (run.has("waivers_file")) r.info.waiversFile = run.at("waivers_file").str();
  if (run.has("waivers"))
    for (const auto& w : run.at("waivers").items()) r.info.waivers.push_back(readWaiver(w));
  if (run.has("baseline") && !run.at("baseline").isNull()) r.info.baseline = readBaseline(run.at("baseline"));
  const Node s = root.at("summary");
  r.summary.total = readCount(s.at("total"));
  r.summary.passed = readCount(s.at("passed"));
  r.summary.failed = readCount(s.at("failed"));
  r.summary.errored = readCount(s.at("errored"));
  r.summary.skipped = readCount(s.at("skipped"));
  if (s.has("flaky")) r.summary.flaky = readCount(s.at("flaky"));  // 1.4
  if (s.has("waived")) r.summary.waived = readCount(s.at("waived"));  // added in 1.5
  for (const auto& c : root.at("cases").items()) r.cases.push_back(readCase(c));
  return r;
}

}  // namespace gpc::reporters
