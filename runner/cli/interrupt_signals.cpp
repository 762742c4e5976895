#include "runner/cli/interrupt_signals.h"

#include <atomic>
#include <csignal>

namespace gpc::cli {
namespace {

// A signal handler receives no context, so the one StopControl it reaches is kept here: the
// project's single piece of global state, set only while an InterruptSignals lives.
std::atomic<schedule::StopControl*> target{nullptr};
struct sigaction previousInt {};
struct sigaction previousTerm {};

extern "C" void onSignal(int signal) {
  // Async-signal-safe: lock-free atomic stores only.
  if (schedule::StopControl* stop = target.load()) stop->requestFromSignal(signal);
}

}  // namespace

InterruptSignals::InterruptSignals(schedule::StopControl& stop) {
  target.store(&stop);
  struct sigaction action {};
  action.sa_handler = &onSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking call returns EINTR and notices the stop sooner
  sigaction(SIGINT, &action, &previousInt);
  sigaction(SIGTERM, &action, &previousTerm);
}

InterruptSignals::~InterruptSignals() {
  sigaction(SIGINT, &previousInt, nullptr);
  sigaction(SIGTERM, &previousTerm, nullptr);
  target.store(nullptr);
}

int exitCodeForSignal(int signal) { return 128 + signal; }

}  // namespace gpc::cli
