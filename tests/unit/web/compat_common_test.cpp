// What every endpoint of the compatible API shares: methods, body size, rate limits, unknown paths.

#include "web_fixture.hpp"

using namespace roost;
using namespace roost::test;

namespace {

const std::string rate_limited = R"({"code":40007,"message":"too many requests: slow down"})";
const std::string wrong_key = R"({"code":40004,"message":"wrong private key or topic"})";

struct compat_common : web_fixture {
  void limit(double per_second, double burst) {
    web::settings s;
    s.rate_per_second = per_second;
    s.rate_burst = burst;
    make_app(s);
  }
  web::response getmsg(const std::string& key, std::string remote = "192.0.2.1") {
    return call({"GET", "/va/getmsg", "uid=" + key + "&topic=t", {}, {}, std::move(remote)});
  }
};

TEST_F(compat_common, only_get_and_post_are_served) {
  for (const char* method : {"PUT", "DELETE", "PATCH"}) {
    const auto r = call({method, "/va/postmsg", "uid=" + key_a + "&topic=t&msg=x", {}, {}, {}});
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(r.body, R"({"code":10002,"message":"method )" + std::string(method) + R"( is not allowed: use GET or POST"})");
    ASSERT_EQ(r.headers.size(), 1u);
    EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"Allow", "GET, POST"}));
  }
  EXPECT_FALSE(topics.exists(scope(tenant_a), "t"));
}

TEST_F(compat_common, every_endpoint_answers_a_missing_key_with_the_compatible_envelope) {
  for (const char* path : {"/va/postmsg", "/va/postJsonMsg", "/va/sendMessage", "/va/getmsg", "/va/alltopic",
                           "/va/online", "/va/getName", "/va/setName", "/va/modifyName", "/v1/addtopic",
                           "/v1/deltopic", "/v1/createTopic", "/v1/deleteTopic", "/api/device/v1/status/",
                           "/api/device/v1/status", "/api/device/v1/data/1/", "/api/device/v1/data/3/get/",
                           "/api/device/v1/data/3/push/get/"}) {
    const auto r = get(path, "topic=t&msg=m");
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, R"({"code":10002,"message":"uid is missing"})") << path;
  }
}

TEST_F(compat_common, a_body_over_the_limit_is_refused) {
  web::settings s;
  s.rate_per_second = 0;
  s.max_body_bytes = 64;
  make_app(s);
  const std::string body = "uid=" + key_a + "&topic=t&msg=" + std::string(40, 'x');
  EXPECT_EQ(post_form("/va/postmsg", body).body, R"({"code":10002,"message":"the body is larger than 64 bytes"})");
  EXPECT_FALSE(topics.exists(scope(tenant_a), "t"));
  EXPECT_EQ(post_form("/va/postmsg", body.substr(0, 64)).body, R"({"code":0,"message":"OK","data":0})");
}

TEST_F(compat_common, each_key_has_its_own_budget) {
  topics.create(scope(tenant_a), "t");
  limit(1, 2);
  EXPECT_EQ(getmsg(key_a).body, R"({"code":0,"message":"OK","data":[]})");
  EXPECT_EQ(getmsg(key_a).body, R"({"code":0,"message":"OK","data":[]})");
  EXPECT_EQ(getmsg(key_a).body, rate_limited);
  EXPECT_EQ(getmsg(key_a, "198.51.100.7").body, rate_limited) << "the key's budget, whatever the address";
  EXPECT_EQ(getmsg(key_b).body, wrong_key) << "another key is not limited";
  wall_ms += 1000;
  EXPECT_EQ(getmsg(key_a).body, R"({"code":0,"message":"OK","data":[]})") << "refilled after a second";
  EXPECT_EQ(getmsg(key_a).body, rate_limited);
}

TEST_F(compat_common, requests_without_a_key_count_per_address) {
  limit(1, 2);
  const std::string missing = R"({"code":10002,"message":"uid is missing"})";
  EXPECT_EQ(call({"GET", "/va/alltopic", "", {}, {}, "192.0.2.9"}).body, missing);
  EXPECT_EQ(call({"GET", "/va/alltopic", "uid=not-a-key", {}, {}, "192.0.2.9"}).body, wrong_key);
  EXPECT_EQ(call({"GET", "/va/alltopic", "", {}, {}, "192.0.2.9"}).body, rate_limited);
  EXPECT_EQ(call({"GET", "/va/alltopic", "", {}, {}, "192.0.2.10"}).body, missing);
}

TEST_F(compat_common, guessing_keys_is_limited_per_address) {
  limit(1, 3);
  // Each unknown key takes a token of its own bucket and one of the address's.
  EXPECT_EQ(getmsg("10000000000000000000000000000000").body, wrong_key);
  EXPECT_EQ(getmsg("20000000000000000000000000000000").body, wrong_key);
  EXPECT_EQ(getmsg("30000000000000000000000000000000").body, wrong_key);
  EXPECT_EQ(getmsg("40000000000000000000000000000000").body, rate_limited);
  EXPECT_EQ(getmsg("40000000000000000000000000000000", "192.0.2.2").body, wrong_key);
  topics.create(scope(tenant_a), "t");
  EXPECT_EQ(getmsg(key_a).body, R"({"code":0,"message":"OK","data":[]})") << "a real key is not held back";
}

TEST_F(compat_common, unknown_legacy_paths_are_404) {
  const auto r = get("/api/device/v1/data/1/whatever/", "uid=" + key_a + "&topic=t");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error":{"code":"not_found","message":"no such path: /api/device/v1/data/1/whatever/"}})");
  EXPECT_EQ(get("/api/device/v1/data/", "uid=" + key_a).status, 404);
}

}  // namespace
