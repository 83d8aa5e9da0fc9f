// The compatible API's paths (docs/protocol-compat.md, "HTTP API"); the endpoints are in
// compat_messages.cpp, compat_topics.cpp and compat_legacy.cpp.

#include <initializer_list>
#include <string>

#include "compat_handlers.hpp"
#include "router.hpp"

namespace roost::web {
namespace {

using endpoint = void (*)(route_context&, const request&, respond);

void add(router& r, route_context& ctx, std::initializer_list<const char*> paths, endpoint e) {
  for (const char* path : paths) {
    r.exact(path, [&ctx, e](const request& q, respond done) { e(ctx, q, std::move(done)); });
  }
}

}  // namespace

void add_compat_routes(router& r, route_context& ctx) {
  add(r, ctx, {"/va/postmsg", "/va/postJsonMsg", "/va/sendMessage"}, compat_post_message);
  add(r, ctx, {"/va/getmsg"}, compat_get_messages);
  add(r, ctx, {"/va/alltopic"}, compat_all_topics);
  add(r, ctx, {"/va/online"}, compat_online);
  add(r, ctx, {"/va/getName"}, compat_get_name);
  add(r, ctx, {"/va/setName", "/va/modifyName"}, compat_set_name);
  add(r, ctx, {"/v1/addtopic"}, compat_add_topic);
  add(r, ctx, {"/v1/deltopic"}, compat_remove_topic);
  add(r, ctx, {"/v1/createTopic"}, compat_create_topic);
  add(r, ctx, {"/v1/deleteTopic"}, compat_delete_topic);
  add(r, ctx, {"/api/device/v1/status/", "/api/device/v1/status"}, compat_legacy_status);
  r.prefix("/api/device/v1/data/",
           [&ctx](const request& q, respond done) { compat_legacy_data(ctx, q, std::move(done)); });
}

}  // namespace roost::web
