#include <string>

#include "firmware_handlers.hpp"
#include "native_json.hpp"
#include "replies.hpp"
#include "roost/platform/firmware_catalog.hpp"

namespace roost::web {
namespace {

constexpr std::string_view prefix = "/firmware/";

response not_found() { return error_reply(404, "not_found", "no such firmware"); }

}  // namespace

void handle_firmware_download(const request& r, respond done, route_context& ctx) {
  if (!is_read(r)) return done(method_not_allowed(r.method, "GET, HEAD"));
  std::string_view rest = std::string_view(r.path).substr(prefix.size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) return done(not_found());
  const std::string_view id = rest.substr(0, slash);
  const std::string_view file = rest.substr(slash + 1);
  const auto info = ctx.svc.firmware.by_id(id);
  if (!info || info->file_name != file) return done(not_found());
  ctx.svc.firmware.read(id, [done = std::move(done)](platform::firmware_result<platform::firmware_file> f) {
    if (!f) {
      if (f.error().code == platform::firmware_errc::not_found) return done(not_found());
      return done(error_reply(500, "storage_failed", f.error().reason));
    }
    response out;
    out.content_type = "application/octet-stream";
    out.body = std::move(f->bytes);
    out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + f->info.file_name + "\"");
    // An id names one upload's bytes for good (a new upload gets a new id).
    out.headers.emplace_back("ETag", "\"" + f->info.sha256 + "\"");
    out.headers.emplace_back("Cache-Control", "public, max-age=86400");
    done(std::move(out));
  });
}

}  // namespace roost::web
