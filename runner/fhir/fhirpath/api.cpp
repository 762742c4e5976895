// The public entry points: set up the root item and environment, evaluate, convert out.
#include "runner/fhir/fhirpath/evaluator.h"

namespace gpc::fhirpath {
namespace {

using detail::Collection;
using detail::Value;

struct Run {
  Value root, resource, rootResource;
  detail::Env env;
};

void setUp(Run& run, const nlohmann::json& root, const Options& options) {
  run.root.node = &root;
  run.root.extras = options.rootExtras;
  run.root.type = options.rootType;
  if (run.root.type.empty() && root.is_object() && root.contains("resourceType") && root["resourceType"].is_string())
    run.root.type = root["resourceType"].get<std::string>();
  if (options.trackLocations) run.root.location = options.rootPath.empty() ? run.root.type : options.rootPath;

  const nlohmann::json* resource = options.resource ? options.resource : &root;
  run.resource = run.root;
  if (resource != &root) {
    run.resource = Value{};
    run.resource.node = resource;
    run.resource.type = resource->is_object() ? resource->value("resourceType", "") : "";
    if (options.trackLocations) run.resource.location = run.resource.type;
  }
  const nlohmann::json* rootResource = options.rootResource ? options.rootResource : resource;
  run.rootResource = run.resource;
  if (rootResource != resource) {
    run.rootResource = Value{};
    run.rootResource.node = rootResource;
    run.rootResource.type = rootResource->is_object() ? rootResource->value("resourceType", "") : "";
    if (options.trackLocations) run.rootResource.location = run.rootResource.type;
  }
  run.env.variables = options.variables;
  run.env.types = options.types;
  run.env.trackLocations = options.trackLocations;
  run.env.strict = options.strict && options.types;
  run.env.resource = &run.resource;
  run.env.rootResource = &run.rootResource;
  run.env.context = &run.root;
}

Collection run(const Expression& expr, const nlohmann::json& root, const Options& options) {
  if (!expr.tree()) return {};
  Run r;
  setUp(r, root, options);
  Collection focus{r.root};
  Collection out = detail::eval(*expr.tree(), focus, r.env);
  // Results must not point at the Run's own values, which die here.
  for (Value& v : out) {
    if (v.node == nullptr && v.owned == nullptr && v.extras == nullptr) v.owned = std::make_shared<const nlohmann::json>();
  }
  return out;
}

}  // namespace

std::vector<Item> evaluateItems(const Expression& expr, const nlohmann::json& root, const Options& options) {
  std::vector<Item> items;
  for (Value& v : run(expr, root, options)) {
    Item item;
    item.node = v.keep ? nullptr : v.node;  // only pointers into `root` may leave
    if (!item.node) item.value = v.data();
    item.type = std::move(v.type);
    item.location = std::move(v.location);
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<nlohmann::json> evaluate(const Expression& expr, const nlohmann::json& root, const Variables& vars,
                                     const gpc::fhir::TypeInfo* types) {
  Options options;
  options.variables = &vars;
  options.types = types;
  std::vector<nlohmann::json> out;
  for (const Value& v : run(expr, root, options)) out.push_back(v.data());
  return out;
}

bool evaluateBoolean(const Expression& expr, const nlohmann::json& root, const Variables& vars,
                     const gpc::fhir::TypeInfo* types) {
  Options options;
  options.variables = &vars;
  options.types = types;
  Collection c = run(expr, root, options);
  if (c.empty()) return false;
  if (c.size() > 1)
    throw EvalError("expression '" + expr.text() + "' gives " + std::to_string(c.size()) +
                    " items where one boolean was expected");
  const nlohmann::json& d = c.front().data();
  return d.is_boolean() ? d.get<bool>() : true;
}

}  // namespace gpc::fhirpath
