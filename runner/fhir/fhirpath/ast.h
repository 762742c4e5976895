#pragma once
// The compiled form of a FHIRPath expression: an immutable tree shared between threads.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gpc::fhirpath::detail {

enum class NodeKind {
  Literal,     // value + literalType ("System.String", "System.Quantity", ...)
  Empty,       // {}
  Identifier,  // name, evaluated on the focus (first step of a path, or a type name)
  Member,      // children[0].name
  Function,    // name(args): children[0] is the focus expression or null, then the arguments
  Indexer,     // children[0][children[1]]
  Unary,       // name is "+" or "-"; children[0]
  Binary,      // name is the operator; children[0], children[1]
  TypeOp,      // children[0] is / as typeName
  Variable,    // %name
  This,        // $this
  Index,       // $index
  Total,       // $total
};

struct Node {
  NodeKind kind = NodeKind::Empty;
  std::string name;
  std::string typeName;     // TypeOp: the qualified type name
  nlohmann::json value;     // Literal
  std::string literalType;  // Literal
  std::vector<std::shared_ptr<const Node>> children;
  std::size_t column = 1;  // 1-based, where the node starts (for error messages)
};

using NodePtr = std::shared_ptr<const Node>;

// The dotted name a node spells when used as a type specifier ("FHIR.Patient", "string"),
// or empty when it is not a plain (qualified) identifier.
std::string typeSpecifier(const Node& node);

}  // namespace gpc::fhirpath::detail
