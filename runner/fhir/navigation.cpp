#include "runner/fhir/navigation.h"

#include <array>
#include <cctype>

namespace gpc::fhir {

bool isPrimitiveType(std::string_view type) {
  // Complex types and resources start upper case; this is called for every element.
  if (type.empty() || type[0] < 'a' || type[0] > 'z') return false;
  static constexpr std::array<std::string_view, 19> kPrimitives = {
      "boolean", "integer", "string", "decimal", "uri", "base64Binary", "instant", "date", "dateTime",
      "time", "code", "oid", "id", "markdown", "unsignedInt", "positiveInt", "xhtml", "uuid", "url"};
  for (auto p : kPrimitives) {
    if (p == type) return true;
  }
  return false;
}

std::string choiceSuffix(std::string_view type) {
  std::string out(type);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

const ElementNode* childrenHolder(const ElementNode* node, std::string_view type,
                                  const ProfileRegistry& registry) {
  if (node == nullptr) return nullptr;
  if (!node->children.empty()) return node;
  if (node->contentTarget != nullptr) return node->contentTarget;
  if (type.empty() && node->def->types.size() == 1) type = node->def->types.front().code;
  const CompiledProfile* def = registry.typeDefinition(type);
  return def == nullptr ? nullptr : def->root;
}

ChildMatch findChild(const ElementNode* holder, std::string_view property) {
  if (holder == nullptr) return {};
  auto it = holder->childByName.find(std::string(property));
  if (it == holder->childByName.end()) return {};
  const ElementNode* node = it->second;
  ChildMatch match{node, {}};
  if (node->isChoice() && property != node->name) {
    match.type = std::string(property.substr(node->choicePrefix().size()));
    // Undo the capitalisation: the type codes of primitives start lower case.
    for (const auto& t : node->def->types) {
      if (choiceSuffix(t.code) == match.type) match.type = t.code;
    }
  } else if (!node->def->types.empty()) {
    match.type = node->def->types.front().code;
  }
  return match;
}

}  // namespace gpc::fhir
