#pragma once
// SIGINT and SIGTERM during `run`: instead of dying with no report (and temporary private keys
// left in /tmp), the run stops handing out cases, abandons requests in flight, writes every
// report for what ran and exits 130 / 143. While one is installed, further signals only
// repeat the request, so a second Ctrl-C cannot cut the clean-up short.

#include "runner/schedule/stop_control.h"

namespace gpc::cli {

class InterruptSignals {
 public:
  // Routes SIGINT/SIGTERM to `stop` until destroyed (the previous handlers are restored then).
  explicit InterruptSignals(schedule::StopControl& stop);
  ~InterruptSignals();
  InterruptSignals(const InterruptSignals&) = delete;
  InterruptSignals& operator=(const InterruptSignals&) = delete;
};

// 130 for SIGINT, 143 for SIGTERM (128 + signal, as shells report them).
int exitCodeForSignal(int signal);

}  // namespace gpc::cli
