#pragma once
// The firmware endpoints outside the native API; firmware_routes.cpp maps paths to them.

#include "roost/web/http.hpp"
#include "router.hpp"

namespace roost::web {

// GET or HEAD /firmware/<id>/<file name>: the firmware's bytes (application/octet-stream), without
// authentication: the random id is the secret. 404 for an unknown id or another file name
// (firmware_download.cpp).
void handle_firmware_download(const request& r, respond done, route_context& ctx);

// /vb/api/v1/firmwareVersion?openID=<key>&topic=<t>&deviceType=<1|3|5|7>[&secure=true]: what a
// device asks before an update, in the /vb envelope (firmware_version.cpp):
//   {"code":0,"msg":"success","message":"success",
//    "data":{"url","version","tag","size","unix","crc32"}}
// Errors: 10002 (a parameter missing or invalid), 40004 (a wrong key, no such topic, or no
// firmware: one text for all three), 40007 (rate limited). Always HTTP 200 (405 for a method other
// than GET or POST).
void handle_firmware_version(const request& r, respond done, route_context& ctx);

}  // namespace roost::web
