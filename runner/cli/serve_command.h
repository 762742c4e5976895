#pragma once
// `gpc-assure serve`: the reference provider standalone, until SIGINT or SIGTERM.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace gpc::cli {

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port (printed)
  int threads = 8;  // worker threads: one per keep-alive connection being served
  std::vector<std::string> faults;
  std::vector<std::string> disabledAreas;  // clinical areas switched off practice-wide
  std::optional<std::string> tlsCert, tlsKey, clientCa;
  std::optional<std::string> clientCrl;   // revoked client certificates (needs clientCa)
  std::vector<std::string> clientHosts;   // host names a client certificate must carry (needs clientCa)
  std::optional<std::string> suitesDir;  // only used to find the data home
};

void addServeCommand(CLI::App& app, ServeArgs& args);

// Blocks SIGINT and SIGTERM in the calling thread before any server thread exists (so every
// thread inherits the mask), serves, and returns 0 when one of them arrives; 2 on a setup
// error (unknown fault, port in use, bad TLS file).
int runServeCommand(const ServeArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gpc::cli
