#include "gpc/build_paths.h"
#include "runner/fhir/json_access.h"
#include <algorithm>
#include <optional>
#include <cstdlib>
#include <stdexcept>

#include <pugixml.hpp>

#include "runner/fhir/compact.h"
#include "runner/fhir/compile.h"
#include "runner/fhir/definition_reader.h"
#include "runner/fhir/file_text.h"
#include "runner/fhir/fhir_version.h"
#include "runner/fhir/model.h"
#include "runner/fhir/navigation.h"
#include "runner/fhir/xml_internal.h"

namespace gpc::fhir {
namespace {

std::string readFile(const std::filesystem::path& file) {
  auto text = readFileText(file);
  if (!text) throw std::runtime_error(file.string() + ": cannot be read");
  return std::move(*text);
}

void addResource(const nlohmann::json& resource, const std::string& source, RawDefinitions& into) {
  const auto type = resourceTypeOf(resource);
  if (type == "StructureDefinition") into.profiles.push_back(readStructureDefinition(resource, source));
  else if (type == "ValueSet") into.valueSets.push_back(readValueSet(resource, source));
  else if (type == "CodeSystem") into.codeSystems.push_back(readCodeSystem(resource, source));
  else if (type == "Bundle") {
    const auto* entries = resource.contains("entry") ? &resource["entry"] : nullptr;
    if (entries == nullptr) return;
    auto visit = [&](const nlohmann::json& entry) {
      if (entry.is_object() && entry.contains("resource")) addResource(entry["resource"], source, into);
    };
    if (entries->is_array()) for (const auto& e : *entries) visit(e);
    else visit(*entries);
  }
}

// Reads one file; returns the FHIR version the file declares for all its definitions (compact
// documents carry "fhirVersion"), if any.
std::optional<ModelVersion> readDefinitionFile(const std::filesystem::path& file, RawDefinitions& into) {
  const auto ext = file.extension().string();
  const std::string text = readFile(file);
  const std::string source = file.string();
  if (ext == ".json") {
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(source + ": invalid JSON: " + e.what());
    }
    if (!isCompactDocument(doc)) {
      addResource(doc, source, into);
      return std::nullopt;
    }
    readCompact(doc, source, into);
    const auto declared = doc.value("fhirVersion", std::string());
    if (declared.empty()) return std::nullopt;
    if (auto version = parseModelVersion(declared)) return version;
    throw std::runtime_error(source + ": unknown fhirVersion '" + declared + "'");
  }
  if (ext == ".xml") {
    pugi::xml_document doc;
    const auto result = doc.load_buffer(text.data(), text.size());
    if (!result) {
      throw std::runtime_error(source + ": invalid XML at offset " + std::to_string(result.offset) + ": " +
                               result.description());
    }
    addResource(looseFromXml(doc.document_element()), source, into);
  }
  return std::nullopt;
}

std::vector<std::filesystem::path> definitionFiles(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw std::runtime_error(dir.string() + ": not a directory");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".json" || ext == ".xml")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

template <typename T, typename Keep>
void moveKept(std::vector<T>& from, std::vector<T>& to, Keep keep) {
  for (auto& item : from)
    if (keep(item)) to.push_back(std::move(item));
}

}  // namespace

void readDefinitionDirectory(const std::filesystem::path& dir, RawDefinitions& into) {
  for (const auto& file : definitionFiles(dir)) readDefinitionFile(file, into);
}

void readDefinitionDirectory(const std::filesystem::path& dir, RawDefinitions& into, ModelVersion version) {
  for (const auto& file : definitionFiles(dir)) {
    RawDefinitions read;
    const auto declared = readDefinitionFile(file, read);
    if (declared && *declared != version) continue;
    const bool all = declared.has_value();
    moveKept(read.profiles, into.profiles, [&](const RawProfile& p) { return all || versionOfProfile(p) == version; });
    moveKept(read.valueSets, into.valueSets,
             [&](const RawValueSet& v) { return all || versionOfDefinitionUrl(v.url) == version; });
    moveKept(read.codeSystems, into.codeSystems,
             [&](const RawCodeSystem& c) { return all || versionOfDefinitionUrl(c.url) == version; });
  }
}

std::shared_ptr<const ProfileRegistry> loadRegistry(const std::vector<std::filesystem::path>& dirs,
                                                    ModelVersion version) {
  RawDefinitions given;
  for (const auto& dir : dirs) readDefinitionDirectory(dir, given, version);
  const bool hasCore = std::any_of(given.profiles.begin(), given.profiles.end(), [](const RawProfile& p) {
    return p.url == "http://hl7.org/fhir/StructureDefinition/Element";
  });
  RawDefinitions all;
  // The core the given folders lack (with the project's own GP Connect definitions, which the
  // given ones replace by URL).
  if (!hasCore) readDefinitionDirectory(ProfileRegistry::defaultDir(), all, version);
  for (auto& p : given.profiles) all.profiles.push_back(std::move(p));
  for (auto& v : given.valueSets) all.valueSets.push_back(std::move(v));
  for (auto& c : given.codeSystems) all.codeSystems.push_back(std::move(c));
  auto registry = std::make_shared<ProfileRegistry>();
  compileInto(*registry, std::move(all.profiles), std::move(all.valueSets), std::move(all.codeSystems));
  return registry;
}

std::shared_ptr<const ProfileRegistry> loadDefaultRegistry(ModelVersion version) {
  return loadRegistry({ProfileRegistry::defaultDir()}, version);
}

std::string canonicalUrl(std::string_view url) {
  std::string out(url);
  if (auto bar = out.find('|'); bar != std::string::npos) out.erase(bar);
  if (auto history = out.find("/_history/"); history != std::string::npos) out.erase(history);
  return out;
}

bool CompiledValueSet::contains(std::string_view system, std::string_view code) const {
  if (wholeSystems.contains(std::string(system))) return true;
  std::string key;
  key.reserve(system.size() + code.size() + 1);
  key.append(system).append("|").append(code);
  return codes.contains(key);
}

bool CompiledValueSet::containsCode(std::string_view code) const {
  return !wholeSystems.empty() || bareCodes.contains(std::string(code));
}

bool isError(const Issue& issue) { return issue.severity == "error" || issue.severity == "fatal"; }

bool hasErrors(const std::vector<Issue>& issues) { return std::any_of(issues.begin(), issues.end(), isError); }

ProfileRegistry::ProfileRegistry() : data_(std::make_unique<Data>()) {}
ProfileRegistry::~ProfileRegistry() = default;

std::filesystem::path ProfileRegistry::defaultDir() {
  if (const char* env = std::getenv("GPC_PROFILES_DIR"); env != nullptr && *env != '\0') return env;
  return std::filesystem::path(GPC_SOURCE_DIR) / "profiles";
}

// STU3 only: DSTU2 definitions found in the folders belong to loadRegistry(dirs, ModelVersion::Dstu2).
std::shared_ptr<const ProfileRegistry> ProfileRegistry::load(const std::vector<std::filesystem::path>& dirs) {
  return loadRegistry(dirs, ModelVersion::Stu3);
}

std::shared_ptr<const ProfileRegistry> ProfileRegistry::loadDefault() { return load({defaultDir()}); }

const CompiledProfile* ProfileRegistry::profile(std::string_view urlOrType) const {
  auto it = data_->profiles.find(canonicalUrl(urlOrType));
  if (it != data_->profiles.end()) return it->second.get();
  return typeDefinition(urlOrType);
}

const CompiledProfile* ProfileRegistry::typeDefinition(std::string_view type) const {
  auto it = data_->types.find(std::string(type));
  return it == data_->types.end() ? nullptr : it->second;
}

const CompiledValueSet* ProfileRegistry::valueSet(std::string_view url) const {
  auto it = data_->valueSets.find(canonicalUrl(url));
  return it == data_->valueSets.end() ? nullptr : it->second.get();
}

std::vector<std::string> ProfileRegistry::profileUrls() const {
  std::vector<std::string> urls;
  for (const auto& [url, p] : data_->profiles) urls.push_back(url);
  std::sort(urls.begin(), urls.end());
  return urls;
}

std::size_t ProfileRegistry::profileCount() const { return data_->profiles.size(); }
std::size_t ProfileRegistry::valueSetCount() const { return data_->valueSets.size(); }

// Type names with dots ("Observation.component") name backbone elements within a type.
static const ElementNode* holderForType(const ProfileRegistry& registry, std::string_view parentType) {
  const auto dot = parentType.find('.');
  const CompiledProfile* def = registry.typeDefinition(parentType.substr(0, dot));
  if (def == nullptr) return nullptr;
  if (dot == std::string_view::npos) return def->root;
  auto it = def->byPath.find(std::string(parentType));
  if (it == def->byPath.end()) return nullptr;
  return it->second->contentTarget != nullptr ? it->second->contentTarget : it->second;
}

std::vector<std::string> ProfileRegistry::elementTypes(std::string_view parentType, std::string_view element) const {
  const ElementNode* holder = holderForType(*this, parentType);
  if (holder == nullptr) return {};
  std::vector<std::string> out;
  ChildMatch match = findChild(holder, element);
  if (match.node == nullptr) {
    match = findChild(holder, std::string(element) + "[x]");
    if (match.node == nullptr) return {};
    for (const auto& t : match.node->def->types) out.push_back(t.code);
    return out;
  }
  if (match.node->isChoice() && match.node->name != element) return {match.type};
  for (const auto& t : match.node->def->types) {
    // Backbone elements are named by their path so callers can walk into them.
    out.push_back(t.code == "BackboneElement" || t.code == "Element" ? match.node->def->path : t.code);
  }
  if (out.empty() && match.node->contentTarget != nullptr) out.push_back(match.node->contentTarget->def->path);
  return out;
}

std::vector<std::pair<std::string, std::string>> ProfileRegistry::choiceProperties(std::string_view parentType,
                                                                                   std::string_view element) const {
  const ElementNode* holder = holderForType(*this, parentType);
  if (holder == nullptr) return {};
  std::string name(element);
  if (!name.ends_with("[x]")) name += "[x]";
  auto it = holder->childByName.find(name);
  if (it == holder->childByName.end()) return {};
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& t : it->second->def->types) {
    out.emplace_back(std::string(it->second->choicePrefix()) + choiceSuffix(t.code), t.code);
  }
  return out;
}

bool ProfileRegistry::isSubtypeOf(std::string_view type, std::string_view base) const {
  std::string current(type);
  for (int depth = 0; depth < 16 && !current.empty(); ++depth) {
    if (current == base) return true;
    const CompiledProfile* def = typeDefinition(current);
    if (def == nullptr) return false;
    const auto& baseUrl = def->raw.baseDefinition;
    const auto slash = baseUrl.rfind('/');
    current = slash == std::string::npos ? std::string() : baseUrl.substr(slash + 1);
  }
  return false;
}

bool ProfileRegistry::isPrimitive(std::string_view type) const { return isPrimitiveType(type); }

}  // namespace gpc::fhir
