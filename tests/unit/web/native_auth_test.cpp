// The native API's keys: a tenant's private key as a bearer token, the operator's admin key, and
// the rate limit per key.

#include "native_fixture.hpp"

using namespace roost;
using namespace roost::test;

namespace {

const std::string unauthorized =
    R"({"error":{"code":"unauthorized","message":"send a tenant's private key as Authorization: Bearer <key>; )"
    R"(this one is missing or wrong"}})";

struct native_auth : native_fixture {};

TEST_F(native_auth, me_shows_the_tenant_of_the_key) {
  const auto r = api("GET", "/api/v1/me");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, R"({"tenant":{"id":1,"name":"a","created_at":0,"auto_create_topics":true}})");
  EXPECT_EQ(api("GET", "/api/v1/me", {}, key_b).body,
            R"({"tenant":{"id":2,"name":"b","created_at":0,"auto_create_topics":false}})");
}

TEST_F(native_auth, a_missing_malformed_or_unknown_key_is_401_with_one_text) {
  for (const std::string& key : {std::string{}, std::string("short"), key_unknown, key_a + "0"}) {
    const auto r = api("GET", "/api/v1/me", {}, key);
    EXPECT_EQ(r.status, 401) << key;
    EXPECT_EQ(r.body, unauthorized) << key;
  }
}

TEST_F(native_auth, another_scheme_is_no_key_and_the_scheme_is_case_insensitive) {
  web::request r{"GET", "/api/v1/me", "", {{"authorization", "Basic " + key_a}}, "", ""};
  EXPECT_EQ(call(r).status, 401);
  r.headers["authorization"] = "bearer   " + key_a + " ";
  EXPECT_EQ(call(r).status, 200);
}

TEST_F(native_auth, a_wrong_key_learns_nothing_about_paths_or_topics) {
  topics.create(scope(tenant_a), "light002");
  for (const char* path : {"/api/v1/topics/mqtt/light002", "/api/v1/topics/mqtt/nope", "/api/v1/topics/bad/x/y/z",
                           "/api/v1/topics/mqtt/light002/history", "/api/v1/topics/mqtt/light002/firmware"}) {
    const auto r = api("GET", path, {}, key_unknown);
    EXPECT_EQ(r.status, 401) << path;
    EXPECT_EQ(r.body, unauthorized) << path;
  }
}

TEST_F(native_auth, the_rate_limit_is_per_key_and_answers_429) {
  web::settings s;
  s.rate_per_second = 1;
  s.rate_burst = 2;
  make_app(s);
  EXPECT_EQ(api("GET", "/api/v1/me").status, 200);
  EXPECT_EQ(api("GET", "/api/v1/me").status, 200);
  const auto limited = api("GET", "/api/v1/me");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.body, R"({"error":{"code":"rate_limited","message":"too many requests: slow down"}})");
  EXPECT_EQ(api("GET", "/api/v1/me", {}, key_b).status, 200);  // another key, another bucket
  wall_ms += 1000;                                             // one token back
  EXPECT_EQ(api("GET", "/api/v1/me").status, 200);
  EXPECT_EQ(api("GET", "/api/v1/me").status, 429);
}

TEST_F(native_auth, wrong_keys_are_limited_per_client_address) {
  web::settings s;
  s.rate_per_second = 1;
  s.rate_burst = 2;
  make_app(s);
  EXPECT_EQ(api("GET", "/api/v1/me", {}, key_unknown).status, 401);
  EXPECT_EQ(api("GET", "/api/v1/me", {}, "0123456789abcdef0123456789abcdee").status, 401);
  EXPECT_EQ(api("GET", "/api/v1/me", {}, "0123456789abcdef0123456789abcded").status, 429);
  EXPECT_EQ(api("GET", "/api/v1/me").status, 200);  // the real key has its own bucket
}

TEST_F(native_auth, the_operator_api_is_403_without_a_configured_admin_key) {
  for (const std::string& key : {std::string{}, key_a, std::string("anything")}) {
    const auto r = api("GET", "/api/v1/admin/tenants", {}, key);
    EXPECT_EQ(r.status, 403) << key;
    EXPECT_EQ(error_code(r), "forbidden");
  }
}

TEST_F(native_auth, the_operator_api_needs_the_admin_key) {
  with_admin_key();
  EXPECT_EQ(api("GET", "/api/v1/admin/tenants", {}, key_a).status, 403);
  EXPECT_EQ(api("GET", "/api/v1/admin/tenants", {}, admin_key + "x").status, 403);
  EXPECT_EQ(api("GET", "/api/v1/admin/tenants", {}, "").status, 403);
  EXPECT_EQ(api("GET", "/api/v1/admin/tenants", {}, admin_key).status, 200);
  // The admin key is not a tenant's key.
  EXPECT_EQ(api("GET", "/api/v1/me", {}, admin_key).status, 401);
}

TEST_F(native_auth, an_unknown_api_path_is_a_json_404) {
  const auto r = api("GET", "/api/v1/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error":{"code":"not_found","message":"no such path: /api/v1/nothing"}})");
}

TEST_F(native_auth, a_method_the_path_does_not_take_is_405_with_allow) {
  const auto r = api("DELETE", "/api/v1/me");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(error_code(r), "method_not_allowed");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Allow");
  EXPECT_EQ(r.headers[0].second, "GET");
}

}  // namespace
