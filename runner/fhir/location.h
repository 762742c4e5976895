#pragma once
// FHIRPath locations ("Bundle.entry[3].resource.code.coding[0]") built only when an issue needs
// one. The walk keeps a chain of steps on its stack, each pointing at its parent, so elements
// without issues (nearly all) cost no string.

#include <cstddef>
#include <string>
#include <string_view>

namespace gpc::fhir {

struct Location {
  static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

  const Location* parent = nullptr;  // null: `name` is the whole location text
  std::string_view name;             // appended as ".name" (must outlive this step)
  std::size_t index = kNoIndex;      // appended as "[index]" when set

  std::string text() const {
    std::string out;
    appendTo(out);
    return out;
  }
  // The text of a child step without making the step: text() + "." + child.
  std::string child(std::string_view childName) const {
    std::string out;
    appendTo(out);
    out.append(".").append(childName);
    return out;
  }

 private:
  void appendTo(std::string& out) const {
    if (parent != nullptr) {
      parent->appendTo(out);
      out.append(".");
    }
    out.append(name);
    if (index != kNoIndex) out.append("[").append(std::to_string(index)).append("]");
  }
};

}  // namespace gpc::fhir
