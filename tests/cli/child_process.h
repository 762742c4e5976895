#pragma once
// Runs the real gpc-assure binary from a test: captured stdout/stderr, exit status, signals,
// and every wait bounded so a hung child fails the test instead of hanging ctest.

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gpc::testing {

struct ProcessResult {
  int exitCode = -1;  // -1 when killed by a signal or timed out
  bool timedOut = false;
  std::string out, err;
};

class ChildProcess {
 public:
  // `env` entries are set in the child on top of this process's environment (empty value: unset).
  ChildProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {});
  ~ChildProcess();  // kills (SIGKILL) and reaps a child still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads stdout until it holds `text` or the timeout passes; returns what was read so far.
  std::string waitForOutput(const std::string& text, std::chrono::milliseconds timeout);
  void signal(int sig);
  ProcessResult wait(std::chrono::milliseconds timeout);

 private:
  void pump(int timeoutMs);
  pid_t pid_ = -1;
  int outFd_ = -1, errFd_ = -1;
  std::string out_, err_;
};

// Runs to completion (bounded).
ProcessResult runProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace gpc::testing
