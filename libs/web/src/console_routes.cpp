// The web console's files (roost/web/console_assets.hpp) at every path the APIs do not take:
//
//   GET /                     index.html, Cache-Control: no-cache (it names the current assets)
//   GET /assets/main-HASH.js  the file, cached for a year ("immutable": the name changes with it)
//   GET /topics/x             index.html too (the console's own routes), unless the last segment
//                             names a file ("x.png"): then 404
//   /api, /va, /vb, /v1, /firmware, /mqtt, /broker   never the console: the JSON 404
//
// Every file has an ETag (If-None-Match -> 304) and, where smaller, a gzip copy sent with
// Content-Encoding: gzip when Accept-Encoding admits it.

#include <array>
#include <string>
#include <string_view>

#include "content_negotiation.hpp"
#include "replies.hpp"
#include "roost/web/console_assets.hpp"
#include "router.hpp"

namespace roost::web {
namespace {

constexpr std::array<std::string_view, 7> api_roots{"/api", "/va", "/vb", "/v1", "/firmware", "/mqtt", "/broker"};

constexpr std::string_view immutable_root = "/assets/";

constexpr std::string_view page_policy =
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

// True for the paths of the APIs and their subtrees ("/va", "/va/x"; not "/vault").
bool under_api(std::string_view path) {
  for (std::string_view root : api_roots) {
    if (path.starts_with(root) && (path.size() == root.size() || path[root.size()] == '/')) return true;
  }
  return false;
}

// True when the last segment has a dot: a file name, never one of the console's own routes.
bool names_file(std::string_view path) {
  const auto slash = path.rfind('/');
  return path.find('.', slash == std::string_view::npos ? 0 : slash) != std::string_view::npos;
}

// The ETag of the gzip copy: a different representation, so a different tag ("\"x\"" -> "\"x.gz\"").
std::string gzip_etag(std::string_view etag) {
  std::string tag{etag.substr(0, etag.size() - 1)};
  tag += ".gz\"";
  return tag;
}

std::string as_text(std::span<const std::byte> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

response serve(const request& r, const console_asset& a) {
  const bool gzip = !a.gzip.empty() && accepts_gzip(r.header("accept-encoding"));
  const std::string etag = gzip ? gzip_etag(a.etag) : std::string{a.etag};

  response out;
  out.content_type = std::string{a.content_type};
  out.headers.emplace_back("ETag", etag);
  out.headers.emplace_back("Cache-Control", a.path.starts_with(immutable_root) ? "public, max-age=31536000, immutable"
                                                                                : "no-cache");
  if (!a.gzip.empty()) out.headers.emplace_back("Vary", "Accept-Encoding");
  out.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (a.content_type.starts_with("text/html")) {
    out.headers.emplace_back("Content-Security-Policy", std::string{page_policy});
    out.headers.emplace_back("Referrer-Policy", "no-referrer");
  }

  const std::string_view if_none_match = r.header("if-none-match");
  if (!if_none_match.empty() && (etag_matches(if_none_match, a.etag) || etag_matches(if_none_match, etag))) {
    out.status = 304;
    return out;
  }
  if (gzip) out.headers.emplace_back("Content-Encoding", "gzip");
  out.body = as_text(gzip ? a.gzip : a.data);  // for HEAD the connection sends only its length
  return out;
}

void handle(const request& r, respond done) {
  if (under_api(r.path)) return done(error_reply(404, "not_found", "no such path: " + r.path));
  if (r.method != "GET" && r.method != "HEAD") {
    response out = error_reply(405, "method_not_allowed", "the console's files are read with GET");
    out.headers.emplace_back("Allow", "GET, HEAD");
    return done(std::move(out));
  }
  const console_asset* a = find_console_asset(r.path == "/" ? std::string_view{"/index.html"} : r.path);
  if (a == nullptr && !r.path.starts_with(immutable_root) && !names_file(r.path)) {
    a = find_console_asset("/index.html");  // one of the console's own routes
  }
  if (a == nullptr) return done(error_reply(404, "not_found", "no such file: " + r.path));
  done(serve(r, *a));
}

}  // namespace

void add_console_routes(router& routes, route_context&) { routes.prefix("/", handle); }

}  // namespace roost::web
