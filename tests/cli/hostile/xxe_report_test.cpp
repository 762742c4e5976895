// A provider's XML declaring an external entity on /etc/passwd: the file's content never
// appears in any output (console, JUnit, JSON, HTML, `validate`), and the evidence says why.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../child_process.h"
#include "../cli_workspace.h"
#include "hostile_server.h"
#include "hostile_suite.h"
#include "report_validity.h"

namespace gpc::testing {
namespace {

namespace fs = std::filesystem;

std::string passwdFirstLine() {
  std::ifstream in("/etc/passwd");
  std::string line;
  std::getline(in, line);
  return line;
}

TEST(XxeReport, PasswdNeverAppearsInAnyOutputOfARun) {
  const std::string secret = passwdFirstLine();
  if (secret.empty()) GTEST_SKIP() << "no /etc/passwd to look for";
  HostileServer server;
  CliWorkspace ws;
  ws.writeSuite("hostile/xxe.json",
                hostileSuite({hostileCase("HOSTILE-XXE", "xxe", {{"headers", {{"Accept", "application/fhir+xml"}}}},
                                          {{"status", 200}, {"body", "xml"}, {"validate", true}})}));
  const ProcessResult r = gpcAssure({"run", "--target", ws.writeTarget(server.foundations()).string(), "--suites-dir",
                                     ws.suites().string(), "--out", ws.reports().string(), "--timeout", "5",
                                     "--evidence", "all"});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  std::string everything = r.out + r.err;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(ws.reports())) {
    everything += readWhole(entry.path());
    ++files;
  }
  EXPECT_GE(files, 3);
  EXPECT_EQ(everything.find(secret), std::string::npos) << "/etc/passwd content leaked into the output";
  EXPECT_NE(everything.find("xxe SYSTEM"), std::string::npos) << "the provider's XML is not in the evidence";
  EXPECT_NE(everything.find("DOCTYPE declaration at offset"), std::string::npos) << "the refusal is not reported";
}

TEST(XxeReport, ValidateRefusesTheFileAndNeverReadsTheEntity) {
  const std::string secret = passwdFirstLine();
  if (secret.empty()) GTEST_SKIP() << "no /etc/passwd to look for";
  CliWorkspace ws;
  ws.write("xxe.xml", R"(<?xml version="1.0"?>
<!DOCTYPE Patient [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<Patient xmlns="http://hl7.org/fhir"><id value="p1"/><name><family value="&xxe;"/></name></Patient>)");
  const ProcessResult r = gpcAssure({"validate", (ws.root() / "xxe.xml").string()});
  EXPECT_NE(r.exitCode, 0) << r.out << r.err;
  EXPECT_EQ((r.out + r.err).find(secret), std::string::npos);
  EXPECT_NE((r.out + r.err).find("XML refused"), std::string::npos) << r.out << r.err;
}

}  // namespace
}  // namespace gpc::testing
