// The web console's files: index.html at / and at the console's own routes, the embedded assets
// with their cache headers, ETag / If-None-Match, the gzip copies, and the API paths it never takes.

#include <algorithm>
#include <string>

#include "roost/web/console_assets.hpp"
#include "web_fixture.hpp"

using namespace roost;
using namespace roost::test;

namespace {

std::string text_of(std::span<const std::byte> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

std::string header_of(const web::response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "<none>";
}

struct console_routes : web_fixture {
  const web::console_asset& index = *web::find_console_asset("/index.html");

  web::response get_with(std::string path, std::map<std::string, std::string, std::less<>> headers,
                         std::string method = "GET") {
    return call({std::move(method), std::move(path), {}, std::move(headers), {}, {}});
  }

  // An asset under /assets/ (only in a build with the console).
  const web::console_asset* hashed_asset() const {
    for (const auto& a : web::console_assets()) {
      if (a.path.starts_with("/assets/")) return &a;
    }
    return nullptr;
  }
};

TEST_F(console_routes, the_table_is_sorted_and_every_file_is_found) {
  const auto all = web::console_assets();
  ASSERT_FALSE(all.empty());
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.path < b.path; }));
  for (const auto& a : all) {
    EXPECT_EQ(web::find_console_asset(a.path), &a) << a.path;
    EXPECT_TRUE(a.etag.starts_with('"') && a.etag.ends_with('"')) << a.etag;
    if (!a.gzip.empty()) {
      EXPECT_LT(a.gzip.size(), a.data.size()) << a.path;
      EXPECT_EQ(a.gzip[0], std::byte{0x1f}) << a.path;
      EXPECT_EQ(a.gzip[1], std::byte{0x8b}) << a.path;
    }
  }
  EXPECT_EQ(web::find_console_asset("/no-such-file"), nullptr);
  EXPECT_EQ(web::find_console_asset("index.html"), nullptr) << "paths start with '/'";
}

TEST_F(console_routes, root_is_the_page_and_never_cached_without_revalidation) {
  const auto r = get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, text_of(index.data));
  EXPECT_EQ(header_of(r, "Cache-Control"), "no-cache");
  EXPECT_EQ(header_of(r, "ETag"), index.etag);
  EXPECT_EQ(header_of(r, "Content-Encoding"), "<none>");
  EXPECT_NE(header_of(r, "Content-Security-Policy"), "<none>");
  if (web::console_built()) {
    EXPECT_NE(r.body.find("<div id=\"app\">"), std::string::npos);
  } else {
    EXPECT_NE(r.body.find("console was not built"), std::string::npos);
  }
}

TEST_F(console_routes, the_consoles_own_routes_get_the_page) {
  for (const char* path : {"/topics/tcp", "/topic/mqtt/light002", "/admin", "/vault", "/apis"}) {
    const auto r = get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, text_of(index.data)) << path;
  }
}

TEST_F(console_routes, missing_files_are_404_not_the_page) {
  for (const char* path : {"/favicon.ico", "/assets/main-NOPE.js", "/assets/x", "/a/b.png"}) {
    const auto r = get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body, std::string{R"({"error":{"code":"not_found","message":"no such file: )"} + path + "\"}}")
        << path;
  }
}

TEST_F(console_routes, api_paths_are_never_the_console) {
  for (const char* path : {"/api", "/api/v2/x", "/va/nothing", "/vb/x", "/v1/nothing/here", "/firmware/x/y.bin",
                           "/mqtt/x", "/broker/x"}) {
    const auto r = get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.content_type, "application/json") << path;
    EXPECT_TRUE(r.body.starts_with(R"({"error":{"code":"not_found",)")) << path << ": " << r.body;
  }
}

TEST_F(console_routes, gzip_when_accepted) {
  if (index.gzip.empty()) GTEST_SKIP() << "index.html has no gzip copy";
  for (const char* accept : {"gzip", "gzip, deflate, br", "br;q=1.0, GZIP;q=0.5", "*", "identity, *;q=0.1"}) {
    const auto r = get_with("/", {{"accept-encoding", accept}});
    EXPECT_EQ(r.status, 200) << accept;
    EXPECT_EQ(header_of(r, "Content-Encoding"), "gzip") << accept;
    EXPECT_EQ(header_of(r, "Vary"), "Accept-Encoding") << accept;
    EXPECT_EQ(r.body, text_of(index.gzip)) << accept;
    EXPECT_NE(header_of(r, "ETag"), index.etag) << "the gzip copy is another representation";
  }
  for (const char* accept : {"", "br", "gzip;q=0", "*, gzip;q=0", "*;q=0", "gzip;q=abc", "deflate"}) {
    const auto r = get_with("/", {{"accept-encoding", accept}});
    EXPECT_EQ(header_of(r, "Content-Encoding"), "<none>") << accept;
    EXPECT_EQ(r.body, text_of(index.data)) << accept;
  }
}

TEST_F(console_routes, if_none_match_gives_304) {
  const auto plain = get("/");
  const auto r = get_with("/", {{"if-none-match", header_of(plain, "ETag")}});
  EXPECT_EQ(r.status, 304);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(header_of(r, "ETag"), index.etag);
  EXPECT_EQ(header_of(r, "Cache-Control"), "no-cache");

  const auto listed = get_with("/", {{"if-none-match", "\"other\", W/" + std::string{index.etag}}});
  EXPECT_EQ(listed.status, 304) << "a list, and the weak comparison";
  EXPECT_EQ(get_with("/", {{"if-none-match", "*"}}).status, 304);
  EXPECT_EQ(get_with("/", {{"if-none-match", "\"stale\""}}).status, 200);

  if (!index.gzip.empty()) {
    const auto gz = get_with("/", {{"accept-encoding", "gzip"}});
    const auto again = get_with("/", {{"accept-encoding", "gzip"}, {"if-none-match", header_of(gz, "ETag")}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
  }
}

TEST_F(console_routes, hashed_assets_are_immutable) {
  const web::console_asset* a = hashed_asset();
  if (a == nullptr) GTEST_SKIP() << "built without the console";
  const auto r = get(std::string{a->path});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, a->content_type);
  EXPECT_EQ(r.body, text_of(a->data));
  EXPECT_EQ(header_of(r, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(header_of(r, "X-Content-Type-Options"), "nosniff");
}

TEST_F(console_routes, head_has_the_headers_and_the_body_the_connection_measures) {
  // The connection writes only the header for HEAD, with the body's length as Content-Length.
  const auto r = get_with("/", {}, "HEAD");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, get_with("/", {}, "GET").body);
  EXPECT_EQ(header_of(r, "ETag"), index.etag);
}

TEST_F(console_routes, other_methods_are_405) {
  for (const char* method : {"POST", "PUT", "DELETE"}) {
    const auto r = call({method, "/", {}, {}, "x", {}});
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(header_of(r, "Allow"), "GET, HEAD") << method;
  }
}

}  // namespace
