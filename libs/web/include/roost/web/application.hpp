#pragma once
// The web application of `roost serve`: routes each request of the HTTP listener to the
// compatible API (/va, /vb, /v1, /api/device), the native API (/api/v1), firmware downloads for
// OTA (/firmware) or the console's files (everything else). Unknown paths get a JSON 404.
//
//   web::application app{services, settings};
//   server config: listener {profile http, http = &app}

#include <memory>

#include "roost/web/http.hpp"
#include "roost/web/services.hpp"
#include "roost/web/settings.hpp"

namespace roost::web {

class application final : public http_handler {
 public:
  // `svc` must outlive the application.
  application(services svc, settings config);
  ~application() override;
  application(const application&) = delete;
  application& operator=(const application&) = delete;

  void handle(const request& r, respond done) override;

 private:
  struct parts;
  std::unique_ptr<parts> _p;
};

}  // namespace roost::web
