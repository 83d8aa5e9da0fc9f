// The HTTP authentication hook: request body, verdicts, the cache and its TTLs, chaining with the
// password file. The transport is a stand-in; the Python tests use a real HTTP server.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "roost/auth/auth_cache.hpp"
#include "roost/auth/chained_authenticator.hpp"
#include "roost/auth/http_authenticator.hpp"
#include "roost/auth/password_edit.hpp"
#include "temp_dir.hpp"

namespace roost::auth {
namespace {

using broker::auth_result;

mqtt::byte_view bytes_of(std::string_view s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

struct fake_hook {
  http_reply answer{200, R"({"result":"allow"})", {}};
  int calls = 0;
  std::string last_body;
  time_point now{};

  http_authenticator make(duration ttl = seconds(30), duration negative = seconds(5)) {
    http_hook_options o;
    o.ttl = ttl;
    o.negative_ttl = negative;
    return http_authenticator{o,
                              [this](const http_url&, std::string_view body, duration) {
                                ++calls;
                                last_body = std::string(body);
                                return answer;
                              },
                              [this] { return now; }};
  }
};

TEST(HttpHook, SendsTheCredentialsAsJson) {
  const std::string password = "s3cret";
  broker::credentials c{"c1", std::string_view{"alice"}, bytes_of(password)};
  const auto body = boost::json::parse(http_authenticator::request_body(c, "mqtt")).as_object();
  EXPECT_EQ(body.at("clientid").as_string(), "c1");
  EXPECT_EQ(body.at("username").as_string(), "alice");
  EXPECT_EQ(body.at("password").as_string(), "s3cret");
  EXPECT_EQ(body.at("listener").as_string(), "mqtt");
  EXPECT_FALSE(body.contains("certificate_cn"));
  broker::credentials anonymous{"c2", std::nullopt, std::nullopt};
  anonymous.certified = false;
  const auto none = boost::json::parse(http_authenticator::request_body(anonymous, "mqtts")).as_object();
  EXPECT_TRUE(none.at("username").is_null());
  EXPECT_TRUE(none.at("password").is_null());
  broker::credentials certified{"c3", std::string_view{"device-7"}, std::nullopt};
  certified.certified = true;
  const auto cert = boost::json::parse(http_authenticator::request_body(certified, "mqtts")).as_object();
  EXPECT_EQ(cert.at("certificate_cn").as_string(), "device-7");
}

TEST(HttpHook, VerdictsOfAnswers) {
  EXPECT_EQ(http_authenticator::verdict({200, R"({"result":"allow"})", {}}).result, auth_result::allowed);
  EXPECT_EQ(http_authenticator::verdict({200, R"({"result":"deny"})", {}}).result, auth_result::bad_credentials);
  EXPECT_EQ(http_authenticator::verdict({200, "not json", {}}).result, auth_result::bad_credentials);
  EXPECT_EQ(http_authenticator::verdict({403, R"({"result":"allow"})", {}}).result, auth_result::bad_credentials);
  EXPECT_EQ(http_authenticator::verdict({0, {}, "refused"}).result, auth_result::not_authorized);
  const auto tenant = http_authenticator::verdict({200, R"({"result":"allow","tenant":3,"superuser":true})", {}});
  EXPECT_EQ(tenant.result, auth_result::allowed);
  EXPECT_EQ(tenant.scope, (3u << 2) | 1u);
  EXPECT_TRUE(tenant.superuser);
  EXPECT_EQ(http_authenticator::verdict({200, R"({"result":"allow","tenant":"x"})", {}}).result,
            auth_result::bad_credentials);
}

TEST(HttpHook, AllowancesAreCachedForTheTtl) {
  fake_hook hook;
  auto authn = hook.make(seconds(30), seconds(5));
  const std::string pw = "pw";
  broker::credentials c{"c1", std::string_view{"alice"}, bytes_of(pw)};
  EXPECT_EQ(authn.authenticate(c, "mqtt").result, auth_result::allowed);
  hook.now += seconds(29);
  EXPECT_EQ(authn.authenticate(c, "mqtt").result, auth_result::allowed);
  EXPECT_EQ(hook.calls, 1);
  hook.now += seconds(1);
  EXPECT_EQ(authn.authenticate(c, "mqtt").result, auth_result::allowed);
  EXPECT_EQ(hook.calls, 2);
}

TEST(HttpHook, EveryInputIsPartOfTheCacheKey) {
  fake_hook hook;
  auto authn = hook.make();
  const std::string pw = "pw", other = "pw2";
  authn.authenticate({"c1", std::string_view{"alice"}, bytes_of(pw)}, "mqtt");
  authn.authenticate({"c1", std::string_view{"alice"}, bytes_of(other)}, "mqtt");
  authn.authenticate({"c2", std::string_view{"alice"}, bytes_of(pw)}, "mqtt");
  authn.authenticate({"c1", std::string_view{"bob"}, bytes_of(pw)}, "mqtt");
  authn.authenticate({"c1", std::string_view{"alice"}, bytes_of(pw)}, "mqtts");
  authn.authenticate({"c1", std::nullopt, bytes_of(pw)}, "mqtt");
  EXPECT_EQ(hook.calls, 6);
}

TEST(HttpHook, RefusalsAreCachedShorterAndFailuresNotAtAll) {
  fake_hook hook;
  auto authn = hook.make(seconds(30), seconds(5));
  broker::credentials c{"c1", std::nullopt, std::nullopt};
  hook.answer = {200, R"({"result":"deny"})", {}};
  EXPECT_EQ(authn.authenticate(c, "mqtt").result, auth_result::bad_credentials);
  hook.answer = {200, R"({"result":"allow"})", {}};
  hook.now += seconds(4);
  EXPECT_EQ(authn.authenticate(c, "mqtt").result, auth_result::bad_credentials);
  hook.now += seconds(1);
  EXPECT_EQ(authn.authenticate(c, "mqtt").result, auth_result::allowed);
  EXPECT_EQ(hook.calls, 2);

  broker::credentials d{"c9", std::nullopt, std::nullopt};
  hook.answer = {0, {}, "connection refused"};
  EXPECT_EQ(authn.authenticate(d, "mqtt").result, auth_result::not_authorized);
  hook.answer = {200, R"({"result":"allow"})", {}};
  EXPECT_EQ(authn.authenticate(d, "mqtt").result, auth_result::allowed);
  EXPECT_EQ(hook.calls, 4);
}

TEST(HttpHook, TheCacheIsBoundedAndHoldsNoPasswords) {
  auth_cache cache{2};
  const time_point t0{};
  cache.put("a", {}, seconds(1), t0);
  cache.put("b", {}, seconds(10), t0);
  cache.put("c", {}, seconds(10), t0 + seconds(2));  // full: the expired "a" goes
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_TRUE(cache.find("b", t0 + seconds(2)));
  const std::string key = cache_key({"c1", "alice", "hunter2"});
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key.find("hunter2"), std::string::npos);
  EXPECT_NE(cache_key({"ab", "c"}), cache_key({"a", "bc"}));
}

TEST(HttpHook, ParsesHookUrls) {
  auto u = parse_http_url("http://127.0.0.1:8081/mqtt/auth?x=1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 8081);
  EXPECT_EQ(u->target, "/mqtt/auth?x=1");
  auto v6 = parse_http_url("http://[::1]/");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 80);
  EXPECT_FALSE(parse_http_url("https://example.com/"));
  EXPECT_FALSE(parse_http_url("http://:80/"));
  EXPECT_FALSE(parse_http_url("http://h:99999/"));
}

TEST(HttpHook, AnUnreachableHookIsReportedWithoutAStatus) {
  // Port 1 on the loopback address: nothing listens there.
  auto u = parse_http_url("http://127.0.0.1:1/");
  ASSERT_TRUE(u);
  const auto reply = post_json(*u, "{}", seconds(2));
  EXPECT_EQ(reply.status, 0);
  EXPECT_FALSE(reply.error.empty());
}

TEST(HttpHook, ThePasswordFileDecidesForItsUsersTheHookForOthers) {
  test::temp_dir dir;
  const auto file = dir / "passwd";
  ASSERT_TRUE(set_user_password(file, "alice", "right", true, 1000));
  auto opened = file_authenticator::open({true, file});
  ASSERT_TRUE(opened);
  fake_hook hook;
  auto authn = hook.make();
  chained_authenticator chain{**opened, authn, "mqtt"};
  const std::string right = "right", wrong = "wrong";
  EXPECT_EQ(chain.authenticate({"c1", std::string_view{"alice"}, bytes_of(right)}).result, auth_result::allowed);
  EXPECT_EQ(chain.authenticate({"c1", std::string_view{"alice"}, bytes_of(wrong)}).result,
            auth_result::bad_credentials);
  EXPECT_EQ(hook.calls, 0);
  EXPECT_EQ(chain.authenticate({"c1", std::string_view{"bob"}, bytes_of(wrong)}).result, auth_result::allowed);
  EXPECT_EQ(hook.calls, 1);
}

}  // namespace
}  // namespace roost::auth
