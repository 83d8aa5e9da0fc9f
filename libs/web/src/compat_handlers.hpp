#pragma once
// The compatible API's endpoints, one function each; compat_routes.cpp maps paths to them. Every
// one starts with begin_call (compat_call.hpp) and answers through `done` exactly once.

#include "roost/web/http.hpp"
#include "router.hpp"

namespace roost::web {

// /va/postmsg, /va/postJsonMsg, /va/sendMessage: uid, topic (X, X/set or X/up), type, msg.
// Answers {"code":0,"message":"OK","data":0} once the message is stored (compat_messages.cpp).
void compat_post_message(route_context& ctx, const request& r, respond done);

// /va/getmsg: uid, topic, type, num -> data [{msg, time, unix}], newest first.
void compat_get_messages(route_context& ctx, const request& r, respond done);

// /va/alltopic: uid, type -> data [{topic, msg, name, online, tid, sid, time, unix}] (compat_topics.cpp).
void compat_all_topics(route_context& ctx, const request& r, respond done);

// /va/online: uid, topic, type -> data true or false.
void compat_online(route_context& ctx, const request& r, respond done);

// /va/getName: uid, topic, type -> data <display name>.
void compat_get_name(route_context& ctx, const request& r, respond done);

// /va/setName, /va/modifyName: uid, topic, type, name -> data 0.
void compat_set_name(route_context& ctx, const request& r, respond done);

// /v1/addtopic: uid, topic, type, optional name -> data 0, or 40006 when it exists.
void compat_add_topic(route_context& ctx, const request& r, respond done);

// /v1/deltopic: uid, topic, type -> data 0, or 40004 when there is no such topic.
void compat_remove_topic(route_context& ctx, const request& r, respond done);

// /v1/createTopic: like addtopic, the result inside: data {"code":0|40006,"message":...}.
void compat_create_topic(route_context& ctx, const request& r, respond done);

// /v1/deleteTopic: like deltopic, the result inside: data {"code":0|40004,"message":...}.
void compat_delete_topic(route_context& ctx, const request& r, respond done);

// /api/device/v1/data/<type>/ (GET: the latest message; POST: publish), .../<type>/push/get/
// (publish) and .../<type>/get/ (history) (compat_legacy.cpp).
void compat_legacy_data(route_context& ctx, const request& r, respond done);

// /api/device/v1/status/: uid, topic, optional type -> {"code":0,"message":"OK","status":"online"|"offline"}.
void compat_legacy_status(route_context& ctx, const request& r, respond done);

}  // namespace roost::web
