// FHIRPath functions: utility (trace, now, today, timeOfDay).
#include <ctime>
#include <iostream>

#include "runner/fhir/fhirpath/functions/library.h"

namespace gpc::fhirpath::detail::functions {
namespace {

std::tm localNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}

int localOffsetMinutes(const std::tm& tm) { return static_cast<int>(tm.tm_gmtoff / 60); }

}  // namespace

void addUtilityFunctions(Table& table) {
  table.insert({
      {"trace", {1, 2, [](const Node& n, const Collection& in, const Env& env) {
         // Tracing goes to stderr so it never mixes with reports written to stdout.
         auto name = stringArg(n, 0, env).value_or("");
         Collection shown = in;
         if (argCount(n) > 1) {
           shown.clear();
           forEachItem(n, 1, in, env, [&](std::size_t, const Collection& r) {
             shown.insert(shown.end(), r.begin(), r.end());
             return true;
           });
         }
         std::string line = "fhirpath trace " + name + ":";
         for (const Value& v : shown) line += " " + detail::shown(v);
         std::cerr << line + "\n";
         return in;
       }}},
      {"today", {0, 0, [](const Node&, const Collection&, const Env&) {
         std::tm tm = localNow();
         Temporal t;
         t.kind = Temporal::Kind::Date;
         t.parts[0] = tm.tm_year + 1900, t.parts[1] = tm.tm_mon + 1, t.parts[2] = tm.tm_mday;
         t.precision = 3;
         return Collection{makeTemporal(t)};
       }}},
      {"now", {0, 0, [](const Node&, const Collection&, const Env&) {
         std::tm tm = localNow();
         auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count() % 1000;
         Temporal t;
         t.kind = Temporal::Kind::DateTime;
         int p[] = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms)};
         std::copy(std::begin(p), std::end(p), t.parts);
         t.precision = 7;
         t.offsetMinutes = localOffsetMinutes(tm);
         return Collection{makeTemporal(t)};
       }}},
      {"timeOfDay", {0, 0, [](const Node&, const Collection&, const Env&) {
         std::tm tm = localNow();
         Temporal t;
         t.kind = Temporal::Kind::Time;
         t.parts[3] = tm.tm_hour, t.parts[4] = tm.tm_min, t.parts[5] = tm.tm_sec;
         t.precision = 6;
         return Collection{makeTemporal(t)};
       }}},
      {"not", {0, 0, [](const Node& n, const Collection& in, const Env&) {
         auto b = toLogical(in, n);
         return b ? boolean(!*b) : Collection{};
       }}},
  });
}

}  // namespace gpc::fhirpath::detail::functions
