#pragma once
// Generated values the cases of one run have taken, so that two cases running at the same time
// never both register the number a probe found unused for each of them. One per run (owned by
// its ExecContext), shared by the worker threads.

#include <mutex>
#include <set>
#include <string>

namespace gpc {

class ClaimedValues {
 public:
  // True when `value` was free and is now this caller's; false when another case has it.
  bool claim(const std::string& value) {
    std::lock_guard lock(mutex_);
    return claimed_.insert(value).second;
  }

 private:
  std::mutex mutex_;
  std::set<std::string> claimed_;
};

}  // namespace gpc
