// The operator's tenant API: list, create and remove tenants while the server runs.

#include "native_fixture.hpp"
#include "roost/platform/tenant_key.hpp"

using namespace roost;
using namespace roost::test;
using platform::cloud_namespace;

namespace {

struct native_admin : native_fixture {
  native_admin() { with_admin_key(); }
  web::response admin(std::string method, std::string path, std::string body = {}) {
    return api(std::move(method), std::move(path), std::move(body), admin_key);
  }
};

TEST_F(native_admin, the_list_shows_keys_and_topic_counts) {
  topics.create(scope(tenant_a), "x");
  topics.create(scope(tenant_a, cloud_namespace::tcp), "y");
  const auto r = admin("GET", "/api/v1/admin/tenants");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"tenants":[)"
                    R"({"id":1,"name":"a","created_at":0,"auto_create_topics":true,"private_key":")" +
                        key_a +
                        R"(","topics":2},)"
                        R"({"id":2,"name":"b","created_at":0,"auto_create_topics":false,"private_key":")" +
                        key_b + R"(","topics":0}]})");
}

TEST_F(native_admin, a_new_tenant_gets_a_key_that_signs_in_at_once) {
  const auto r = admin("POST", "/api/v1/admin/tenants", R"({"name":"garden"})");
  EXPECT_EQ(r.status, 201);
  const auto t = json(r).at("tenant");
  EXPECT_EQ(t.at("id"), 3);
  EXPECT_EQ(t.at("name"), "garden");
  EXPECT_EQ(t.at("created_at"), wall_ms / 1000);
  EXPECT_EQ(t.at("topics"), 0);
  const std::string key(t.at("private_key").as_string());
  EXPECT_TRUE(platform::valid_private_key(key));
  EXPECT_EQ(json(api("GET", "/api/v1/me", {}, key)).at("tenant").at("name"), "garden");
  EXPECT_EQ(json(admin("GET", "/api/v1/admin/tenants")).at("tenants").as_array().size(), 3u);
  // Without a name: an empty one.
  EXPECT_EQ(json(admin("POST", "/api/v1/admin/tenants", "{}")).at("tenant").at("name"), "");
}

TEST_F(native_admin, bad_names_are_400) {
  for (const char* body : {R"({"name":5})", "[]", "x", R"({"name":"\u00ff\ud800"})"}) {
    const auto r = admin("POST", "/api/v1/admin/tenants", body);
    EXPECT_EQ(r.status, 400) << body;
  }
  EXPECT_EQ(admin("POST", "/api/v1/admin/tenants", R"({"name":")" + std::string(129, 'n') + "\"}").status, 400);
}

TEST_F(native_admin, a_removed_tenant_loses_its_key_topics_and_firmware) {
  topics.create(scope(tenant_a), "light002");
  topics.create(scope(tenant_a, cloud_namespace::tcp), "led");
  ASSERT_EQ(api("PUT", "/api/v1/topics/mqtt/light002/firmware?version=1", "fw").status, 201);
  const auto r = admin("DELETE", "/api/v1/admin/tenants/" + std::to_string(tenant_a));
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(api("GET", "/api/v1/me").status, 401);
  EXPECT_EQ(topics.count(scope(tenant_a)), 0u);
  EXPECT_EQ(topics.count(scope(tenant_a, cloud_namespace::tcp)), 0u);
  EXPECT_FALSE(firmware.find(scope(tenant_a), "light002"));
  const auto left = json(admin("GET", "/api/v1/admin/tenants")).at("tenants").as_array();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].at("id"), tenant_b);
  EXPECT_EQ(admin("DELETE", "/api/v1/admin/tenants/" + std::to_string(tenant_a)).status, 404);
}

TEST_F(native_admin, unknown_ids_and_methods) {
  for (const char* id : {"99", "0", "-1", "x", "1x", "1/2"}) {
    const auto r = admin("DELETE", std::string("/api/v1/admin/tenants/") + id);
    EXPECT_EQ(r.status, 404) << id;
    EXPECT_EQ(error_code(r), "not_found") << id;
  }
  EXPECT_EQ(admin("PUT", "/api/v1/admin/tenants").status, 405);
  EXPECT_EQ(admin("GET", "/api/v1/admin/tenants/1").status, 405);
  EXPECT_EQ(json(admin("GET", "/api/v1/admin/tenants")).at("tenants").as_array().size(), 2u);
}

}  // namespace
