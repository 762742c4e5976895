#pragma once
// Reading a definition or resource file as text: whole file, UTF-8 byte order mark removed
// (several official files carry one).

#include <filesystem>
#include <optional>
#include <string>

namespace gpc::fhir {

// The file's text, or nullopt when it cannot be opened.
std::optional<std::string> readFileText(const std::filesystem::path& file);

}  // namespace gpc::fhir
