#include "runner/schedule/stop_control.h"

#include <csignal>

namespace gpc::schedule {

std::string StopControl::reason() const {
  if (const int s = signal_.load(); s != 0) {
    return std::string("run interrupted by ") + (s == SIGINT ? "SIGINT" : s == SIGTERM ? "SIGTERM" : "a signal");
  }
  std::lock_guard lock(mutex_);
  return reason_;
}

}  // namespace gpc::schedule
