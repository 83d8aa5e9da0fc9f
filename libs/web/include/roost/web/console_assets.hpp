#pragma once
// The web console's files, embedded in the binary at build time (web/CMakeLists.txt): every file
// of the console's build output, or, in a build without the console (ROOST_CONSOLE=OFF, no npm),
// a single page saying so. Each file comes with a gzip copy when compressing makes it smaller.
//
//   if (const console_asset* a = find_console_asset("/index.html")) send(a->gzip.empty() ? a->data : a->gzip);

#include <cstddef>
#include <span>
#include <string_view>

namespace roost::web {

struct console_asset {
  std::string_view path;          // as requested: "/index.html", "/assets/main-C2DBAIGP.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view etag;          // a strong validator of `data`, quoted: "\"9f86d081884c7d659a2f\""
  std::span<const std::byte> data;
  std::span<const std::byte> gzip;  // the gzip copy of `data`; empty when there is none
};

// The embedded file at exactly `path` ("/index.html"), or null.
const console_asset* find_console_asset(std::string_view path);

// Every embedded file, sorted by path.
std::span<const console_asset> console_assets();

// True when the console was built into this binary; false when only the fallback page was.
bool console_built();

}  // namespace roost::web
