#pragma once
// The native API (/api/v1) over the web fixture's real services: requests with a bearer key, and
// their JSON bodies parsed for checks.
//
//   struct my_test : native_fixture {};
//   TEST_F(my_test, x) {
//     auto r = api("POST", "/api/v1/topics", R"({"name":"light002"})");
//     EXPECT_EQ(r.status, 201);
//     EXPECT_EQ(json(r).at("topic").at("name"), "light002");
//   }

#include <boost/json.hpp>
#include <string>

#include "web_fixture.hpp"

namespace roost::test {

struct native_fixture : web_fixture {
  // The operator's key of apps made by with_admin_key().
  const std::string admin_key = "operator-secret-1";

  // `method` `path` (with `?query` if any) and `body`, signed with `key` (key_a by default; an
  // empty key sends no Authorization header).
  web::response api(std::string method, std::string path, std::string body = {}, std::string key = "-",
                    std::string host = "hub.local:8080") {
    std::string query;
    if (const auto q = path.find('?'); q != std::string::npos) {
      query = path.substr(q + 1);
      path.resize(q);
    }
    web::request r{std::move(method), std::move(path), std::move(query), {}, std::move(body), {}};
    if (key == "-") key = key_a;
    if (!key.empty()) r.headers["authorization"] = "Bearer " + key;
    if (!host.empty()) r.headers["host"] = std::move(host);
    return call(std::move(r));
  }

  // Makes the app again with the operator's key configured.
  void with_admin_key() {
    web::settings s;
    s.rate_per_second = 0;
    s.admin_key = admin_key;
    make_app(s);
  }

  static boost::json::value json(const web::response& r) {
    boost::system::error_code ec;
    auto v = boost::json::parse(r.body, ec);
    EXPECT_FALSE(ec) << "not JSON: " << r.body;
    return v;
  }

  // The error code of a native error body ("" when the body is not one).
  static std::string error_code(const web::response& r) {
    auto v = json(r);
    if (!v.is_object() || !v.as_object().contains("error")) return "";
    return std::string(v.at("error").at("code").as_string());
  }
};

}  // namespace roost::test
