#pragma once
// Why and when a run stops before every case has run: a signal (SIGINT/SIGTERM) or
// --max-failures. The scheduler stops handing out cases, the transport abandons transfers in
// flight (it polls aborting()), and the cases never started are reported as not run.

#include <atomic>
#include <mutex>
#include <string>

namespace gpc::schedule {

class StopControl {
 public:
  // The first reason wins; later calls change nothing.
  void request(const std::string& reason) {
    std::lock_guard lock(mutex_);
    if (requested_.exchange(true)) return;
    reason_ = reason;
  }
  // A signal handler may only set an atomic: the reason is read from it later.
  void requestFromSignal(int signal) { signal_.store(signal); }

  bool requested() const { return requested_.load() || signal_.load() != 0; }
  // Set for a signal only: in-flight requests are abandoned. --max-failures lets them finish.
  bool aborting() const { return signal_.load() != 0; }
  int signal() const { return signal_.load(); }

  std::string reason() const;

 private:
  std::atomic<bool> requested_{false};
  std::atomic<int> signal_{0};
  mutable std::mutex mutex_;
  std::string reason_;
};

}  // namespace gpc::schedule
