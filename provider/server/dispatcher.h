#pragma once
// The request pipeline, independent of the HTTP library: negotiate the format, resolve the
// route, check the Spine headers, the interaction id and the JWT, parse the body, then hand the
// request to the interaction's handler (the capability modules, capability_module.h); and turn
// the outcome into status, headers and bytes.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "provider/server/capability_data.h"
#include "provider/server/fhir_xml.h"
#include "provider/server/message.h"
#include "provider/server/negotiation.h"
#include "provider/records/datapack_directory.h"
#include "provider/datapack/data_pack.h"
#include "provider/records/record_store.h"

namespace gpc::provider::server {

struct WireResponse {
  int status = 200;
  NameValues headers;
  std::string body;
};

class Dispatcher {
 public:
  // Throws std::runtime_error naming the file for an unreadable data pack or record store.
  // Throws too for a `disabledAreas` name that is not a clinical area.
  Dispatcher(const std::filesystem::path& fixturesDir, std::set<std::string> faults,
             std::set<std::string> disabledAreas = {});

  // `origin` is "http://127.0.0.1:PORT" (for absolute URLs); `now` UNIX seconds; `today` yyyy-mm-dd.
  WireResponse handle(const Request& request, const std::string& origin, std::int64_t now, const std::string& today);

  // An error outside any route (the HTTP library's own rejections, exceptions).
  WireResponse failure(std::string_view code, std::string_view diagnostics);

  const datapack::DataPack& pack() const { return pack_; }

  // The FHIR definitions for XML, loaded now instead of on the first XML exchange.
  void preloadXml() const {
    if (xml_) xml_->preload();
  }

 private:
  struct Outcome {
    Response response;
    FhirGeneration generation = FhirGeneration::Stu3;
    Format format = Format::Json;
  };
  Outcome route(const Request& request, const std::string& origin, std::int64_t now, const std::string& today);
  WireResponse finish(const Request& request, Outcome outcome) const;

  std::set<std::string> faults_;
  // The `first-request-fails` fault: set by the first request, whichever thread serves it.
  std::atomic<bool> firstRequestServed_{false};
  std::set<std::string> disabledAreas_;  // practice-wide switches, for every record request
  datapack::DataPack pack_;
  std::optional<records::RecordStore> store_;
  std::string storeProblem_;
  std::unique_ptr<records::DataPackDirectory> directory_;
  foundations::Registrations registrations_;
  appointments::AppointmentBook appointmentBook_;
  std::unique_ptr<CapabilityData> data_;  // what the handlers share (refers to the members above)
  std::shared_ptr<const XmlCodec> xml_;
};

// gzip (RFC 1952) of `data` with zlib.
std::string gzip(const std::string& data);

}  // namespace gpc::provider::server
