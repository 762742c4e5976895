#pragma once
// Thin RAII owners for the libcurl objects the transport uses (after cpr): an easy handle and
// a header list. Nothing else in the project touches raw curl pointers.

#include <curl/curl.h>

#include <memory>
#include <string>

#include "runner/core/model.h"

namespace gpc::http {

// curl_global_init is not thread safe on every build; the first CurlEasy created runs it once.
void ensureCurlInitialised();

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

// A new easy handle; throws std::runtime_error if libcurl cannot allocate one.
CurlEasy makeCurlEasy();

struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// Request header list for CURLOPT_HTTPHEADER, built exactly as given.
class CurlHeaderList {
 public:
  // Appends "Name: value". An empty value is written "Name;" (curl's spelling for "send this
  // header with no value"; "Name:" would mean "remove this header").
  void add(const Header& header);
  // Stops curl sending its own default for this header ("Name:").
  void suppress(const std::string& name);
  curl_slist* get() const { return list_.get(); }

 private:
  void append(const std::string& line);
  std::unique_ptr<curl_slist, CurlSlistDeleter> list_;
};

}  // namespace gpc::http
