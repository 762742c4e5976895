#pragma once
// Every bad input the runner reads (suite, interactions table, target file, fixture) is
// reported the same way: `file: /json/pointer: reason`, so a user can go straight to it.

#include <stdexcept>
#include <utility>
#include <string>

namespace gpc {

class LoadError : public std::runtime_error {
 public:
  LoadError(std::string file, std::string pointer, std::string reason)
      : std::runtime_error(compose(file, pointer, reason)),
        file_(std::move(file)), pointer_(std::move(pointer)), reason_(std::move(reason)) {}

  const std::string& file() const { return file_; }
  const std::string& pointer() const { return pointer_; }  // JSON pointer, "" for the whole file
  const std::string& reason() const { return reason_; }

 private:
  static std::string compose(const std::string& file, const std::string& pointer,
                             const std::string& reason) {
    std::string out = file;
    if (!pointer.empty()) out += ": " + pointer;
    return out + ": " + reason;
  }
  std::string file_, pointer_, reason_;
};

}  // namespace gpc
