#include "provider/records/html_time_frames.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "provider/capabilities/html/html_sections.h"

namespace gpc::provider::records {

TimeFrames parseTimeFrames(const nlohmann::json& config, const std::string& file) {
  const auto fail = [&file](const std::string& path, const std::string& why) { throw std::runtime_error(file + ": " + path + ": " + why); };
  if (!config.is_object()) fail("$", "must be an object of section code -> months");
  TimeFrames out;
  for (const auto& [code, months] : config.items()) {
    const auto info = html::sectionInfo(code);
    if (!info) fail("$." + code, "not a record section code (ADM, CLI, ENC, MED, OBS, PRB, REF; case-sensitive)");
    if (!info->timePeriodAllowed) fail("$." + code, "the " + code + " view is not date-filtered, so it can have no default time frame");
    if (!months.is_number_integer() || months.get<long long>() < 1 || months.get<long long>() > 1200)
      fail("$." + code, "months must be an integer 1-1200, got " + months.dump());
    out.emplace(code, months.get<int>());
  }
  return out;
}

TimeFrames loadTimeFrames(const std::filesystem::path& file) {
  if (file.empty() || !std::filesystem::exists(file)) return {};
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json config;
  try {
    config = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(file.string() + ": $: invalid JSON: " + e.what());
  }
  return parseTimeFrames(config, file.string());
}

}  // namespace gpc::provider::records
