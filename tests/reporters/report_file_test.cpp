#include "reporters/report_file.h"

#include <gtest/gtest.h>

#include <fstream>

#include "reporters/reporters.h"
#include "sample_results.h"
#include "temp_dir.h"

namespace gpc::reporters {
namespace {

std::string errorFrom(const std::function<void()>& write) {
  try {
    write();
  } catch (const ReportWriteError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ReportFile, ReplacesAnExistingFileAndLeavesNoTemporaryFile) {
  TempDir dir;
  const auto path = dir.path() / "r.txt";
  writeReportFile(path, "old", "test report");
  writeReportFile(path, "new", "test report");
  EXPECT_EQ(readFile(path), "new");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(ReportFile, CreatesMissingDirectories) {
  TempDir dir;
  const auto path = dir.path() / "a" / "b" / "r.txt";
  writeReportFile(path, "x", "test report");
  EXPECT_EQ(readFile(path), "x");
}

TEST(ReportFile, UnwritablePlacesGiveAClearErrorAndKeepTheOldFile) {
  TempDir dir;
  const auto blocker = dir.path() / "not-a-dir";
  std::ofstream(blocker) << "file";
  const auto under = blocker / "junit.xml";
  EXPECT_EQ(errorFrom([&] { makeJUnitReporter(under)->runFinished(testing::sampleRun()); }),
            "cannot write JUnit report '" + under.string() + "': cannot create directory '" + blocker.string() +
                "': Not a directory");
  EXPECT_EQ(errorFrom([&] { makeJsonReporter(dir.path())->runFinished(testing::sampleRun()); }),
            "cannot write JSON report '" + dir.path().string() + "': it is a directory");
  EXPECT_EQ(errorFrom([&] { makeHtmlReporter("")->runFinished(testing::sampleRun()); }),
            "cannot write HTML report '': no file name given");
  EXPECT_EQ(readFile(blocker), "file");
}

TEST(ReportFile, ReadOnlyDirectoryIsAnError) {
  if (::geteuid() == 0) GTEST_SKIP() << "running as root: permissions do not stop writes";
  TempDir dir;
  const auto locked = dir.path() / "locked";
  std::filesystem::create_directory(locked);
  std::filesystem::permissions(locked, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  const std::string message = errorFrom([&] { writeReportFile(locked / "r.html", "x", "HTML report"); });
  std::filesystem::permissions(locked, std::filesystem::perms::owner_all);
  EXPECT_EQ(message, "cannot write HTML report '" + (locked / "r.html").string() + "': Permission denied");
}

TEST(ReportFile, DigestFileIsInSha256sumFormat) {
  TempDir dir;
  const auto path = dir.path() / "report.json";
  writeDigestFile(path, "abc", "JSON report");
  EXPECT_EQ(readFile(dir.path() / "report.json.sha256"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  report.json\n");
}

}  // namespace
}  // namespace gpc::reporters
