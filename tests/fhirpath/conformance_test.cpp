// Runs the official FHIRPath test cases (../shared/fhirpath-tests) and holds the pass rate
// to a ratchet: it may rise, never fall. Every failing case is written, with its reason, to
// <build>/fhirpath-conformance-<suite>.txt; docs/fhirpath.md summarises them.
#include "gpc/build_paths.h"
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "runner/fhir/fhirpath/fhirpath.h"
#include "tests/fhirpath/core_definitions.h"

namespace fs = std::filesystem;
using gpc::fhirpath::testing::CoreDefinitions;

namespace {

const fs::path kShared = GPC_SHARED_DIR;
const fs::path kTests = kShared / "fhirpath-tests";
const fs::path kCore = kShared / "fhir-stu3-core/hl7.fhir.r3.core-3.0.2/package";

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The text form the test files use for an output value.
std::string render(const gpc::fhirpath::Item& item) {
  const nlohmann::json& j = item.json();
  if (j.is_boolean()) return j.get<bool>() ? "true" : "false";
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<long long>());
  if (j.is_number()) return j.dump();
  if (j.is_object() && j.contains("value")) {
    std::string unit = j.value("code", j.value("unit", ""));
    std::string v = j["value"].is_number_integer() ? std::to_string(j["value"].get<long long>()) : j["value"].dump();
    return v + " '" + unit + "'";
  }
  return j.dump();
}

bool matches(const std::string& type, std::string expected, const gpc::fhirpath::Item& item) {
  if (!expected.empty() && expected[0] == '@') expected.erase(0, 1);
  std::string actual = render(item);
  if ((type == "decimal" || type == "integer") && item.json().is_number()) {
    try {
      return std::abs(std::stod(expected) - item.json().get<double>()) < 1e-9;
    } catch (const std::exception&) {
      return false;
    }
  }
  if (type == "time" && !actual.empty() && actual[0] != 'T') actual = "T" + actual;
  return actual == expected;
}

struct Outcome {
  int total = 0, passed = 0;
  std::vector<std::string> failures;
};

class Suite {
 public:
  Suite(fs::path file, fs::path inputs) : file_(std::move(file)), inputs_(std::move(inputs)), defs_(kCore.string()) {}

  Outcome run() {
    Outcome out;
    pugi::xml_document doc;
    if (!doc.load_file(file_.c_str())) throw std::runtime_error("cannot read " + file_.string());
    for (const auto& group : doc.child("tests").children("group")) {
      for (const auto& test : group.children("test")) {
        ++out.total;
        std::string reason = runOne(test);
        if (reason.empty()) {
          ++out.passed;
        } else {
          out.failures.push_back(std::string(group.attribute("name").value()) + " / " +
                                 test.attribute("name").value() + ": `" +
                                 test.child("expression").text().get() + "` -- " + reason);
        }
      }
    }
    return out;
  }

 private:
  const nlohmann::json& input(const std::string& name) {
    auto it = inputs_cache_.find(name);
    if (it != inputs_cache_.end()) return it->second;
    nlohmann::json j;
    std::string text = readFile(inputs_ / name);
    if (name.size() > 5 && name.substr(name.size() - 5) == ".json") j = nlohmann::json::parse(text);
    else if (!text.empty()) j = gpc::fhirpath::testing::xmlToJson(text, defs_);
    return inputs_cache_[name] = j;
  }

  // Empty when the case passes, else why not.
  std::string runOne(const pugi::xml_node& test) {
    auto exprNode = test.child("expression");
    std::string text = exprNode.text().get();
    std::string invalid = exprNode.attribute("invalid").value();
    std::string inputName = test.attribute("inputfile").value();
    nlohmann::json empty = nlohmann::json::object();
    try {
      const nlohmann::json& root = inputName.empty() ? empty : input(inputName);
      gpc::fhirpath::Expression expr = gpc::fhirpath::parse(text);
      gpc::fhirpath::Options options;
      options.types = &defs_;
      options.strict = true;
      auto items = gpc::fhirpath::evaluateItems(expr, root, options);
      if (!invalid.empty()) return "expected an error (" + invalid + "), got " + std::to_string(items.size()) + " item(s)";
      std::vector<std::pair<std::string, std::string>> expected;
      for (const auto& o : test.children("output")) expected.emplace_back(o.attribute("type").value(), o.text().get());
      if (std::string(test.attribute("predicate").value()) == "true") {
        gpc::fhirpath::Item b;
        b.value = !items.empty();
        items = {b};
      }
      if (items.size() != expected.size()) {
        std::string got;
        for (const auto& i : items) got += " " + render(i);
        return "expected " + std::to_string(expected.size()) + " item(s), got " + std::to_string(items.size()) + ":" + got;
      }
      for (std::size_t i = 0; i < items.size(); ++i)
        if (!matches(expected[i].first, expected[i].second, items[i]))
          return "item " + std::to_string(i) + ": expected " + expected[i].second + ", got " + render(items[i]);
      return "";
    } catch (const gpc::fhirpath::ParseError& e) {
      return invalid.empty() ? std::string("parse error: ") + e.what() : "";
    } catch (const gpc::fhirpath::EvalError& e) {
      return invalid.empty() ? std::string("evaluation error: ") + e.what() : "";
    } catch (const std::exception& e) {
      return std::string("harness error: ") + e.what();
    }
  }

  fs::path file_, inputs_;
  CoreDefinitions defs_;
  std::map<std::string, nlohmann::json> inputs_cache_;
};

void report(const std::string& suite, const Outcome& o) {
  std::ofstream out(fs::path(GPC_BINARY_DIR) / ("fhirpath-conformance-" + suite + ".txt"));
  out << suite << ": " << o.passed << "/" << o.total << " passed\n";
  for (const auto& f : o.failures) out << "- " << f << "\n";
  std::cout << suite << ": " << o.passed << "/" << o.total << " passed ("
            << (o.total ? 100.0 * o.passed / o.total : 0) << "%); failures in " << GPC_BINARY_DIR
            << "/fhirpath-conformance-" << suite << ".txt\n";
}

void runSuite(const std::string& name, const fs::path& file, const fs::path& inputs, int ratchet) {
  if (!fs::exists(file)) GTEST_SKIP() << "no FHIRPath test cases at " << file << " (../shared absent)";
  if (!fs::exists(kCore)) GTEST_SKIP() << "no STU3 core definitions at " << kCore;
  Outcome o = Suite(file, inputs).run();
  report(name, o);
  EXPECT_GE(o.passed, ratchet) << name << " pass count fell below the ratchet; see fhirpath-conformance-" << name
                               << ".txt";
}

}  // namespace

// Ratchets: the number of cases passing when last measured. Raise them as support grows.
TEST(FhirPathConformance, Stu3Suite) {
  runSuite("r3", kTests / "r3-hl7-fhirpath/tests-fhir-r3.xml", kTests / "r3-hl7-fhirpath/input", 477);
}

TEST(FhirPathConformance, Stu3Suite2017) {
  runSuite("r3-2017-03", kTests / "r3-hl7-fhirpath-2017-03/tests-fhir-r3.xml", kTests / "r3-hl7-fhirpath/input", 340);
}

TEST(FhirPathConformance, R4Suite) {
  runSuite("r4", kTests / "r4-fhir-test-cases/tests-fhir-r4.xml", kTests / "r4-fhir-test-cases/input", 869);
}
