#include "gpc/build_paths.h"
#include "cli_workspace.h"

#include <chrono>
#include <fstream>
#include <random>
#include <stdexcept>

namespace gpc::testing {

namespace fs = std::filesystem;

CliWorkspace::CliWorkspace() {
  std::random_device rd;
  root_ = fs::temp_directory_path() / ("gpc-cli-test-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(root_ / "suites");
  fs::copy_file(fs::path(GPC_SOURCE_DIR) / "suites" / "interactions.json", root_ / "suites" / "interactions.json");
}

CliWorkspace::~CliWorkspace() {
  std::error_code ec;
  fs::remove_all(root_, ec);
}

void CliWorkspace::write(const fs::path& relative, const std::string& text) const {
  const fs::path file = root_ / relative;
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

void CliWorkspace::writeSuite(const std::string& name, const std::string& json) const {
  write(fs::path("suites") / name, json);
}

void CliWorkspace::writeTinySuites() const {
  writeSuite("tiny/a.json", R"({
  "suite": "tiny.a", "capability": "foundations", "spec": "1.6.2", "interaction": "read:metadata",
  "tags": ["tiny"],
  "cases": [
    {"id": "TINY-A-001", "title": "metadata answers 200", "requirement": "foundations#metadata",
     "tags": ["x"], "expect": {"status": 200}},
    {"id": "TINY-A-002", "title": "metadata is not cached", "requirement": "foundations#caching",
     "tags": ["y"], "expect": {"headers": {"Cache-Control": {"contains": "no-store"}}}}
  ]
})");
  writeSuite("tiny/b.json", R"({
  "suite": "tiny.b", "capability": "foundations", "spec": "1.6.2", "interaction": "read:metadata",
  "cases": [
    {"id": "TINY-B-001", "title": "metadata answers 200 again", "requirement": "foundations#metadata",
     "tags": ["x", "slow"], "expect": {"status": 200}}
  ]
})");
}

fs::path CliWorkspace::writeTarget(const std::string& foundationsUrl, const std::string& extra) const {
  write("target.json", R"({
  "name": "in-test provider",
  "endpoints": {"foundations": ")" + foundationsUrl + R"("},
  "asid": {"consumer": "200000000359", "provider": "918999198738"},
  "practice": {"ods": "B82617"},
  "jwt": {"iss": "https://ConsumerSystemURL"},
  "patients": {"patient2": {"nhsNumber": "9690937286"}})" + extra + R"(
})");
  return root_ / "target.json";
}

FakeProvider::FakeProvider(int status) {
  server_.Get(".*", [this, status](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard lock(mutex_);
      paths_.push_back(req.path);
    }
    if (req.path != "/B82617/STU3/1/gpconnect/metadata") {
      res.status = 404;
      return;
    }
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(R"({"resourceType":"CapabilityStatement","status":"active","kind":"instance","fhirVersion":"3.0.1"})",
                    "application/fhir+json;charset=utf-8");
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("cannot bind the fake provider");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeProvider::~FakeProvider() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

std::string FakeProvider::root() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<std::string> FakeProvider::paths() const {
  std::lock_guard lock(mutex_);
  return paths_;
}

std::string gpcAssureExe() {
#ifdef GPC_ASSURE_EXE
  return GPC_ASSURE_EXE;
#else
  return std::string(GPC_BINARY_DIR) + "/gpc-assure";
#endif
}

ProcessResult gpcAssure(std::vector<std::string> args) {
  args.insert(args.begin(), gpcAssureExe());
  return runProcess(args, {{"NO_COLOR", "1"}});
}

nlohmann::json readJson(const std::filesystem::path& file) { return nlohmann::json::parse(std::ifstream(file)); }

std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace gpc::testing
