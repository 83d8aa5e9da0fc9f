// A topic's firmware in the native API: GET shows it, PUT uploads it (the raw body, with
// ?version=&tag=&filename=), DELETE removes it.

#include <memory>
#include <string>

#include "firmware_json.hpp"
#include "native_handlers.hpp"
#include "native_json.hpp"
#include "params.hpp"
#include "replies.hpp"
#include "roost/platform/firmware_rules.hpp"
#include "roost/platform/topic_registry.hpp"

namespace roost::web {
namespace {

response firmware_reply(int status, std::string_view origin, const platform::firmware_info& f) {
  return native_reply(status, boost::json::object{{"firmware", firmware_json(f, origin)}});
}

response no_firmware(const topic_address& a) {
  return error_reply(404, "not_found", "topic " + a.name + " has no firmware");
}

response storage_failed(const platform::firmware_error& e) { return error_reply(500, "storage_failed", e.reason); }

// The upload described by the query and carried by the body, or the 400/413 to answer.
result<platform::firmware_upload, response> read_upload(const request& r, route_context& ctx, const topic_address& a) {
  const auto bad = [](std::string_view why) { return fail(error_reply(400, "bad_request", why)); };
  const param_map query = parse_urlencoded(r.query);
  platform::firmware_upload up;
  up.version = param(query, "version").value_or("");
  if (!platform::valid_firmware_version(up.version)) {
    return bad("version is required: 1 to 64 letters, digits, '.', '_', '+' or '-' (e.g. ?version=1.2.0)");
  }
  up.tag = param(query, "tag").value_or("");
  if (!platform::valid_firmware_tag(up.tag))
    return bad("tag must be at most 64 bytes of UTF-8 without control characters");
  auto file = platform::firmware_file_name(param(query, "filename").value_or(""), a.name);
  if (!file) {
    return bad("filename must be at most 100 letters, digits, '.', '_' or '-', not starting with '.' (e.g. app.bin)");
  }
  up.file_name = std::move(*file);
  if (r.body.empty()) return bad("the body must be the firmware file (application/octet-stream); it is empty");
  if (r.body.size() > ctx.config.max_firmware_bytes) {
    return fail(error_reply(413, "too_large",
                            "the firmware is larger than " + std::to_string(ctx.config.max_firmware_bytes) + " bytes"));
  }
  up.bytes = r.body;
  up.uploaded_ms = ctx.svc.wall_ms();
  return up;
}

void upload(const request& r, respond done, route_context& ctx, const topic_address& a) {
  auto up = read_upload(r, ctx, a);
  if (!up) return done(up.error());
  // The origin is taken now: the request may be gone when the catalog answers.
  ctx.svc.firmware.put(a.scope(), a.name, std::move(*up),
                       [done = std::move(done),
                        origin = download_origin(r, false)](platform::firmware_result<platform::firmware_info> stored) {
                         if (!stored) return done(storage_failed(stored.error()));
                         done(firmware_reply(201, origin, *stored));
                       });
}

void remove(respond done, route_context& ctx, const topic_address& a) {
  ctx.svc.firmware.remove(a.scope(), a.name, [done = std::move(done), a](platform::firmware_result<bool> removed) {
    if (!removed) return done(storage_failed(removed.error()));
    done(*removed ? no_content() : no_firmware(a));
  });
}

}  // namespace

void handle_topic_firmware(const request& r, respond done, route_context& ctx, const topic_address& a) {
  const bool known_method = is_read(r) || r.method == "PUT" || r.method == "DELETE";
  if (!known_method) return done(method_not_allowed(r.method, "GET, PUT, DELETE"));
  if (!ctx.svc.topics.exists(a.scope(), a.name)) return done(no_such_topic(a));
  if (r.method == "PUT") return upload(r, std::move(done), ctx, a);
  if (r.method == "DELETE") return remove(std::move(done), ctx, a);
  auto f = ctx.svc.firmware.find(a.scope(), a.name);
  done(f ? firmware_reply(200, download_origin(r, false), *f) : no_firmware(a));
}

}  // namespace roost::web
