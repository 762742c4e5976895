#include "runner/http/curl_handle.h"

#include <stdexcept>

namespace gpc::http {

namespace {
struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};
}  // namespace

void ensureCurlInitialised() {
  // A function-local static: initialised once, thread safe, torn down at exit.
  static const CurlGlobal global;
  (void)global;
}

CurlEasy makeCurlEasy() {
  ensureCurlInitialised();
  CurlEasy handle(curl_easy_init());
  if (!handle) throw std::runtime_error("libcurl: curl_easy_init failed");
  return handle;
}

void CurlHeaderList::add(const Header& header) {
  if (header.value.empty()) {
    append(header.name + ";");
  } else {
    append(header.name + ": " + header.value);
  }
}

void CurlHeaderList::suppress(const std::string& name) { append(name + ":"); }

void CurlHeaderList::append(const std::string& line) {
  curl_slist* grown = curl_slist_append(list_.get(), line.c_str());
  if (!grown) throw std::runtime_error("libcurl: curl_slist_append failed");
  // curl_slist_append returns the same head when the list already existed.
  (void)list_.release();
  list_.reset(grown);
}

}  // namespace gpc::http
