#pragma once
// Walking the compiled element tree the way instances are walked: which node holds the children
// of an element of a given type, and which child a JSON property name stands for.

#include <string>
#include <string_view>

#include "runner/fhir/model.h"

namespace gpc::fhir {

bool isPrimitiveType(std::string_view type);

struct ChildMatch {
  const ElementNode* node = nullptr;
  std::string type;  // the type the property name implies (choice suffix) or the node's only type
};

// The node whose children describe an element at `node` of type `type`: the node itself when the
// profile unrolls it, the contentReference target, else the root of the type's definition (or of
// the type's profile when the element names exactly one).
const ElementNode* childrenHolder(const ElementNode* node, std::string_view type,
                                  const ProfileRegistry& registry);

// The child of `holder` a JSON property stands for ("valueQuantity" -> value[x] as Quantity).
ChildMatch findChild(const ElementNode* holder, std::string_view property);

// "dateTime" -> "DateTime": how a type appears in a choice property name.
std::string choiceSuffix(std::string_view type);

}  // namespace gpc::fhir
