#pragma once
// How firmware is shown: its download URL, on the host the request was sent to (its Host
// header), and its JSON in the native API (docs/openapi.json: Firmware).
//
//   download_origin(r with Host "hub.local:8080", false) + firmware_path(f)
//     -> "http://hub.local:8080/firmware/3f0c…/app.bin"

#include <boost/json/object.hpp>
#include <string>

#include "roost/platform/firmware_catalog.hpp"
#include "roost/web/http.hpp"

namespace roost::web {

// The path of the firmware's download: "/firmware/<id>/<file name>".
std::string firmware_path(const platform::firmware_info& f);

// The scheme and host of URLs on the host the request was sent to: "https://<host>" when `secure`
// or when a proxy says so (X-Forwarded-Proto: https), "http://<host>" otherwise. "" without a
// usable Host header (absent, or with characters no host name has): URLs are then paths alone.
std::string download_origin(const request& r, bool secure);

// {"version","tag","file_name","size","crc32","sha256","uploaded_ms","url"} with the url
// `origin` + firmware_path(f).
boost::json::object firmware_json(const platform::firmware_info& f, std::string_view origin);

}  // namespace roost::web
