#include "native_handlers.hpp"
#include "native_json.hpp"
#include "openapi_document.hpp"

namespace roost::web {

void handle_openapi(const request& r, respond done) {
  if (!is_read(r)) return done(method_not_allowed(r.method, "GET"));
  response out;
  out.body = std::string(openapi_document());
  out.headers.emplace_back("Cache-Control", "no-cache");
  done(std::move(out));
}

}  // namespace roost::web
