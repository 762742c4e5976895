// Reference provider throughput and latency, driven the way `gpc-assure run` drives it: the
// project's libcurl transport and request builder (Ssp-* headers, JWT) against the in-process
// provider on a loopback port. Scenarios: metadata, Patient read, a full structured record
// (patient2, every clinical area), each with 1 and 8 client threads.
//
// The baseline, measured in the same run: a trivial cpp-httplib handler on another port that
// answers a canned body of the same size as the scenario's real response. The provider's cost
// over the HTTP stack is then the gap between the two rows, comparable across machines.
//
// Run from a Release build:
//   bench_provider [--seconds S] [--requests N] [--threads 1,8]
// Each (scenario, threads) cell stops at N requests or S seconds, whichever comes first.
// Exits 1 if any response is not the expected status (a benchmark of errors measures nothing).

#include "gpc/build_paths.h"
#include <httplib.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "provider/reference_provider.h"
#include "runner/checks/fhir_services.h"
#include "runner/http/curl_transport.h"
#include "runner/request/request_builder.h"
#include "runner/suite/interactions.h"
#include "runner/target/target.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

struct Settings {
  double seconds = 5;
  int requests = 2000;
  std::vector<int> threads{1, 8};
};

struct Scenario {
  std::string name;
  std::string interaction;  // name in suites/interactions.json
  nlohmann::json request;   // docs/suite-format.md "Request"
};

struct Cell {
  int requests = 0;
  int failures = 0;
  std::string firstFailure;
  double wallSeconds = 0;
  std::vector<double> latenciesMs;
  double bytesPerResponse = 0;
};

nlohmann::json nhsNumberParameter(const std::string& nhsNumber) {
  return {{"name", "patientNHSNumber"},
          {"valueIdentifier", {{"system", "https://fhir.nhs.uk/Id/nhs-number"}, {"value", nhsNumber}}}};
}

// Every clinical area, with the parts that make it return the most. (Filters such as includeNotGiven
// may not be combined with consultations/problems, so those areas go without parts.)
nlohmann::json fullRecordParameters(const std::string& nhsNumber) {
  auto flag = [](const char* name, bool value) { return nlohmann::json{{"name", name}, {"valueBoolean", value}}; };
  nlohmann::json parameter = nlohmann::json::array({
      nhsNumberParameter(nhsNumber),
      {{"name", "includeAllergies"}, {"part", {flag("includeResolvedAllergies", true)}}},
      {{"name", "includeMedication"}, {"part", {flag("includePrescriptionIssues", true)}}},
      {{"name", "includeConsultations"}},
      {{"name", "includeProblems"}},
      {{"name", "includeImmunisations"}},
      {{"name", "includeUncategorisedData"}},
      {{"name", "includeInvestigations"}},
      {{"name", "includeReferrals"}},
      {{"name", "includeDiaryEntries"}},
  });
  return {{"resourceType", "Parameters"}, {"parameter", parameter}};
}

std::vector<Scenario> scenarios(const gpc::Target& target) {
  const auto& patient2 = target.tree["patients"]["patient2"];
  return {
      {"metadata", "read:metadata", nlohmann::json::object()},
      {"patient read", "read:patient", {{"path_params", {{"id", patient2["id"]}}}}},
      {"structured record (patient2, all areas)", "gpc.getstructuredrecord",
       {{"body", {{"json", fullRecordParameters(patient2["nhsNumber"].get<std::string>())}}}}},
  };
}

gpc::HttpRequest buildFor(const Scenario& scenario, const gpc::InteractionTable& interactions,
                          const gpc::Target& target, const gpc::FhirServices& fhir) {
  gpc::Step step;
  step.name = "main";
  step.interaction = interactions.at(scenario.interaction);
  step.request = scenario.request;
  gpc::VariableScope scope;
  scope.targetTree = &target.tree;
  scope.traceId = "7f0b2c1e-5d3a-4c8e-9b1f-0a2d3e4f5a6b";
  scope.now = std::chrono::system_clock::now();
  return gpc::buildRequest(step, target, scope, fs::path(GPC_SOURCE_DIR) / "fixtures", fhir).http;
}

// Sends `request` from `threads` client threads until `settings.requests` were sent in all or
// `settings.seconds` passed. The request is built once: the figure is the exchange, not JWT making.
Cell drive(gpc::Transport& transport, const gpc::HttpRequest& request, long expectedStatus, int threads,
           const Settings& settings) {
  std::atomic<int> issued{0};
  std::vector<Cell> perThread(static_cast<std::size_t>(threads));
  std::vector<double> bytes(static_cast<std::size_t>(threads), 0);
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(settings.seconds));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      Cell& mine = perThread[static_cast<std::size_t>(t)];
      while (issued.fetch_add(1) < settings.requests && Clock::now() < deadline) {
        const auto sent = Clock::now();
        const gpc::HttpResponse response = transport.send(request);
        mine.latenciesMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
        ++mine.requests;
        bytes[static_cast<std::size_t>(t)] += static_cast<double>(response.body.size());
        if (response.status != expectedStatus) {
          if (mine.failures++ == 0)
            mine.firstFailure = "status " + std::to_string(response.status) + " " + response.transportError + " " +
                                response.body.substr(0, 200);
        }
      }
    });
  for (auto& w : workers) w.join();
  Cell total;
  total.wallSeconds = std::chrono::duration<double>(Clock::now() - start).count();
  double allBytes = 0;
  for (std::size_t t = 0; t < perThread.size(); ++t) {
    total.requests += perThread[t].requests;
    total.failures += perThread[t].failures;
    if (total.firstFailure.empty()) total.firstFailure = perThread[t].firstFailure;
    total.latenciesMs.insert(total.latenciesMs.end(), perThread[t].latenciesMs.begin(), perThread[t].latenciesMs.end());
    allBytes += bytes[t];
  }
  std::sort(total.latenciesMs.begin(), total.latenciesMs.end());
  total.bytesPerResponse = total.requests ? allBytes / total.requests : 0;
  return total;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

void printRow(const std::string& label, int threads, const Cell& cell, double baselineRps) {
  const double rps = cell.wallSeconds > 0 ? cell.requests / cell.wallSeconds : 0;
  char line[320];
  std::snprintf(line, sizeof line, "  %-9s %3d thr %7d req %9.1f req/s  p50 %8.2f  p95 %8.2f  p99 %8.2f ms  %9.0f B/resp",
                label.c_str(), threads, cell.requests, rps, percentile(cell.latenciesMs, 0.50),
                percentile(cell.latenciesMs, 0.95), percentile(cell.latenciesMs, 0.99), cell.bytesPerResponse);
  std::cout << line;
  if (baselineRps > 0) std::printf("  (%.2fx baseline time per request)", baselineRps / rps);
  std::cout << std::endl;
}

// A trivial handler: answers /bytes/N with N bytes of canned JSON-ish text, nothing else.
class BaselineServer {
 public:
  BaselineServer() {
    // The same socket and thread settings as the reference provider, so only the handler differs.
    server_.set_tcp_nodelay(true);
    server_.new_task_queue = [] { return new httplib::ThreadPool(8); };
    server_.Get(R"(/bytes/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      const std::size_t size = std::stoul(req.matches[1].str());
      res.set_content(std::string(size, 'x'), "application/fhir+json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("baseline server: cannot bind a loopback port");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~BaselineServer() {
    server_.stop();
    thread_.join();
  }
  BaselineServer(const BaselineServer&) = delete;
  BaselineServer& operator=(const BaselineServer&) = delete;
  std::string url(std::size_t bytes) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/bytes/" + std::to_string(bytes);
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

std::vector<int> parseThreads(const std::string& text) {
  std::vector<int> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) out.push_back(std::stoi(item));
  return out;
}

Settings parseArgs(int argc, char** argv) {
  Settings s;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool hasValue = i + 1 < argc;
    if (arg == "--seconds" && hasValue) s.seconds = std::stod(argv[++i]);
    else if (arg == "--requests" && hasValue) s.requests = std::stoi(argv[++i]);
    else if (arg == "--threads" && hasValue) s.threads = parseThreads(argv[++i]);
    else throw std::invalid_argument("unknown or incomplete argument: " + arg +
                                     " (usage: bench_provider [--seconds S] [--requests N] [--threads 1,8])");
  }
  if (s.seconds <= 0 || s.requests <= 0 || s.threads.empty() ||
      std::any_of(s.threads.begin(), s.threads.end(), [](int t) { return t < 1 || t > 256; }))
    throw std::invalid_argument("--seconds and --requests must be positive, --threads between 1 and 256");
  return s;
}

double loadAverage() {
  double load[1] = {0};
  return getloadavg(load, 1) == 1 ? load[0] : -1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Settings settings = parseArgs(argc, argv);
    const fs::path source(GPC_SOURCE_DIR);
    gpc::provider::ProviderOptions options;
    options.fixturesDir = source / "fixtures";
    gpc::provider::ReferenceProvider provider(options);
    provider.start();
    gpc::Target target = gpc::loadTarget(source / "fixtures/targets/reference.json");
    gpc::applyBaseUrl(target, provider.rootUrl());
    const auto interactions = gpc::loadInteractions(source / "suites/interactions.json");
    const auto fhir = gpc::makeUnavailableFhirServices();  // JSON bodies only: no engine needed
    gpc::http::CurlTransport transport(target.transport);
    BaselineServer baseline;

    std::cout << "bench_provider: reference provider at " << provider.rootUrl() << ", up to " << settings.requests
              << " requests or " << settings.seconds << " s per cell, 1-minute load average " << loadAverage()
              << ", " << std::thread::hardware_concurrency() << " hardware threads\n"
              << "  baseline = trivial cpp-httplib handler answering a canned body of the same size\n";
    int failures = 0;
    for (const Scenario& scenario : scenarios(target)) {
      const gpc::HttpRequest request = buildFor(scenario, interactions, target, *fhir);
      // One warm-up exchange: sizes the baseline's body and opens the keep-alive connection.
      const gpc::HttpResponse first = transport.send(request);
      if (first.status != 200) {
        std::cerr << scenario.name << ": the provider answered " << first.status << " " << first.transportError
                  << " " << first.body.substr(0, 300) << '\n';
        return 1;
      }
      gpc::HttpRequest baselineRequest = request;
      baselineRequest.method = "GET";
      baselineRequest.body.clear();
      gpc::removeHeader(baselineRequest.headers, "Content-Type");
      baselineRequest.url = baseline.url(first.body.size());
      std::cout << scenario.name << " (" << request.method << " " << request.url.substr(request.url.find('/', 8))
                << ", " << first.body.size() << " B)\n";
      for (int threads : settings.threads) {
        const Cell base = drive(transport, baselineRequest, 200, threads, settings);
        const Cell real = drive(transport, request, 200, threads, settings);
        printRow("baseline", threads, base, 0);
        printRow("provider", threads, real, base.wallSeconds > 0 ? base.requests / base.wallSeconds : 0);
        for (const Cell* cell : {&base, &real})
          if (cell->failures) {
            failures += cell->failures;
            std::cerr << "  " << cell->failures << " unexpected responses, first: " << cell->firstFailure << '\n';
          }
      }
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::cout << "peak RSS (provider + clients): " << usage.ru_maxrss / 1024 << " MB, load average now "
              << loadAverage() << '\n';
    return failures ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_provider: " << e.what() << '\n';
    return 2;
  }
}
