// The OpenAPI document served at /api/v1/openapi.json: JSON, OpenAPI 3.0, every path of the
// native API described, every reference resolvable.

#include <functional>

#include "native_fixture.hpp"

using namespace roost;
using namespace roost::test;

namespace {

struct native_openapi : native_fixture {
  boost::json::value document() {
    const auto r = api("GET", "/api/v1/openapi.json", {}, "");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "application/json");
    return json(r);
  }
};

TEST_F(native_openapi, it_is_served_without_a_key_and_is_openapi_3_0) {
  const auto doc = document();
  ASSERT_TRUE(doc.is_object());
  EXPECT_TRUE(std::string(doc.at("openapi").as_string()).starts_with("3.0."));
  EXPECT_EQ(doc.at("info").at("title"), "Roost native API");
  EXPECT_EQ(api("POST", "/api/v1/openapi.json", "{}", "").status, 405);
}

TEST_F(native_openapi, every_path_and_method_is_described) {
  const auto paths = document().at("paths").as_object();
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"/api/v1/me", {"get"}},
      {"/api/v1/topics", {"get", "post"}},
      {"/api/v1/topics/{ns}/{name}", {"get", "patch", "delete"}},
      {"/api/v1/topics/{ns}/{name}/history", {"get"}},
      {"/api/v1/topics/{ns}/{name}/messages", {"post"}},
      {"/api/v1/topics/{ns}/{name}/firmware", {"get", "put", "delete"}},
      {"/api/v1/acl", {"get", "put", "delete"}},
      {"/api/v1/acl/rules", {"post"}},
      {"/api/v1/acl/rules/{i}", {"put", "delete"}},
      {"/firmware/{id}/{file}", {"get"}},
      {"/vb/api/v1/firmwareVersion", {"get"}},
      {"/api/v1/admin/reload", {"post"}},
      {"/api/v1/admin/tenants", {"get", "post"}},
      {"/api/v1/admin/tenants/{id}", {"delete"}},
      {"/api/v1/admin/acl", {"get"}},
      {"/api/v1/admin/acl/broker", {"get", "put", "delete"}},
      {"/api/v1/admin/acl/broker/rules", {"post"}},
      {"/api/v1/admin/acl/broker/rules/{i}", {"put", "delete"}},
      {"/api/v1/admin/acl/tenants/{id}", {"get", "put", "delete"}},
      {"/api/v1/admin/acl/tenants/{id}/rules", {"post"}},
      {"/api/v1/admin/acl/tenants/{id}/rules/{i}", {"put", "delete"}},
      {"/api/v1/openapi.json", {"get"}},
  };
  EXPECT_EQ(paths.size(), expected.size());
  for (const auto& [path, methods] : expected) {
    ASSERT_TRUE(paths.contains(path)) << path;
    for (const auto& m : methods) {
      ASSERT_TRUE(paths.at(path).as_object().contains(m)) << path << " " << m;
      EXPECT_TRUE(paths.at(path).at(m).as_object().contains("responses")) << path << " " << m;
    }
  }
}

TEST_F(native_openapi, every_reference_resolves) {
  const auto doc = document();
  std::size_t refs = 0;
  std::function<void(const boost::json::value&)> walk = [&](const boost::json::value& v) {
    if (v.is_array()) {
      for (const auto& item : v.as_array()) walk(item);
    } else if (v.is_object()) {
      for (const auto& [k, child] : v.as_object()) {
        if (k == "$ref") {
          ++refs;
          const std::string target(child.as_string());
          ASSERT_TRUE(target.starts_with("#/")) << target;
          boost::system::error_code ec;
          EXPECT_NE(doc.find_pointer(target.substr(1), ec), nullptr) << "unresolved: " << target;
        } else {
          walk(child);
        }
      }
    }
  };
  walk(doc);
  EXPECT_GT(refs, 20u);
}

}  // namespace
