#include "reporters/report_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "reporters/digest.h"
#include "reporters/reporters.h"

namespace gpc::reporters {
namespace {

[[noreturn]] void fail(std::string_view kind, const std::filesystem::path& path, const std::string& reason) {
  throw ReportWriteError("cannot write " + std::string(kind) + " '" + path.string() + "': " + reason, path);
}

// Closes the descriptor and removes the temporary file unless the rename happened.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::filesystem::path path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) {
      std::error_code ignored;
      std::filesystem::remove(path_, ignored);
    }
  }
  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }
  int close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }
  void committed() { committed_ = true; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace

void writeReportFile(const std::filesystem::path& path, std::string_view content, std::string_view kind) {
  if (path.empty()) fail(kind, path, "no file name given");
  if (std::filesystem::is_directory(path)) fail(kind, path, "it is a directory");
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) fail(kind, path, "cannot create directory '" + dir.string() + "': " + ec.message());

  // The pid keeps two concurrent runs writing into the same folder apart.
  TemporaryFile tmp(dir / ("." + path.filename().string() + ".tmp." + std::to_string(::getpid())));
  if (tmp.fd() < 0) fail(kind, path, std::strerror(errno));
  for (std::size_t written = 0; written < content.size();) {
    const ssize_t n = ::write(tmp.fd(), content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(kind, path, std::strerror(errno));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(tmp.fd()) != 0 && errno != EINVAL) fail(kind, path, std::strerror(errno));
  if (tmp.close() != 0) fail(kind, path, std::strerror(errno));
  if (::rename(tmp.path().c_str(), path.c_str()) != 0) fail(kind, path, std::strerror(errno));
  tmp.committed();
}

void writeDigestFile(const std::filesystem::path& path, std::string_view content, std::string_view kind) {
  writeDigestLine(path, sha256Hex(content), kind);
}

void writeDigestLine(const std::filesystem::path& path, std::string_view sha256, std::string_view kind) {
  writeReportFile(digestFilePath(path), std::string(sha256) + "  " + path.filename().string() + "\n",
                  std::string(kind) + " digest");
}

std::filesystem::path digestFilePath(const std::filesystem::path& path) {
  std::filesystem::path sidecar = path;
  sidecar += ".sha256";
  return sidecar;
}

std::vector<std::filesystem::path> reportWithDigest(const std::filesystem::path& path) {
  return {path, digestFilePath(path)};
}

}  // namespace gpc::reporters
