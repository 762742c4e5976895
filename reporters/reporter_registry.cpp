// The registry of report files by name.

#include "reporters/reporter_registry.h"

#include <algorithm>

namespace gpc::reporters {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

std::vector<std::filesystem::path> ReporterEntry::filesWritten(const std::filesystem::path& path) const {
  return writes ? writes(path) : std::vector<std::filesystem::path>{path};
}

UnknownReporterError::UnknownReporterError(std::string name, std::vector<std::string> known)
    : std::invalid_argument("unknown report '" + name + "' (known: " + joined(known) + ")"),
      name_(std::move(name)),
      known_(std::move(known)) {}

void ReporterRegistry::add(ReporterEntry entry) {
  if (find(entry.name)) throw std::logic_error("reporter '" + entry.name + "' registered twice");
  entries_.push_back(std::move(entry));
}

const ReporterEntry* ReporterRegistry::find(std::string_view name) const {
  const auto it = std::find_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e.name == name; });
  return it == entries_.end() ? nullptr : &*it;
}

const ReporterEntry& ReporterRegistry::at(std::string_view name) const {
  if (const ReporterEntry* entry = find(name)) return *entry;
  throw UnknownReporterError(std::string(name), names());
}

std::vector<std::string> ReporterRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& e : entries_) out.push_back(e.name);
  return out;
}

std::vector<std::string> ReporterRegistry::files() const {
  std::vector<std::string> out;
  for (const auto& e : entries_)
    if (std::find(out.begin(), out.end(), e.file) == out.end()) out.push_back(e.file);
  return out;
}

}  // namespace gpc::reporters
