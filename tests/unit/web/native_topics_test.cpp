// The native API's topics: list, create, read, rename, remove; the topic object's fields.

#include "native_fixture.hpp"

using namespace roost;
using namespace roost::test;
using platform::cloud_namespace;

namespace {

struct native_topics : native_fixture {};

TEST_F(native_topics, a_new_topic_is_201_with_its_object_and_location) {
  const auto r = api("POST", "/api/v1/topics", R"({"namespace":"mqtt","name":"light002","display_name":"Kitchen"})");
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, R"({"topic":{"namespace":"mqtt","name":"light002","display_name":"Kitchen","type":"light",)"
                    R"("type_code":"002","value":null,"time_ms":null,"online":0}})");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Location");
  EXPECT_EQ(r.headers[0].second, "/api/v1/topics/mqtt/light002");
  EXPECT_TRUE(topics.exists(scope(tenant_a), "light002"));
  EXPECT_FALSE(topics.exists(scope(tenant_a, cloud_namespace::tcp), "light002"));
}

TEST_F(native_topics, the_namespace_defaults_to_mqtt_and_tcp_is_its_own) {
  EXPECT_EQ(api("POST", "/api/v1/topics", R"({"name":"plain"})").status, 201);
  EXPECT_TRUE(topics.exists(scope(tenant_a), "plain"));
  const auto tcp = api("POST", "/api/v1/topics", R"({"namespace":"tcp","name":"plain"})");
  EXPECT_EQ(tcp.status, 201);
  EXPECT_EQ(json(tcp).at("topic").at("namespace"), "tcp");
  EXPECT_EQ(json(tcp).at("topic").at("type"), "");
  EXPECT_EQ(json(tcp).at("topic").at("type_code"), "");
  EXPECT_TRUE(topics.exists(scope(tenant_a, cloud_namespace::tcp), "plain"));
}

TEST_F(native_topics, an_existing_topic_is_409) {
  topics.create(scope(tenant_a), "light002");
  const auto r = api("POST", "/api/v1/topics", R"({"namespace":"mqtt","name":"light002"})");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.body, R"({"error":{"code":"conflict","message":"topic mqtt/light002 already exists"}})");
}

TEST_F(native_topics, bad_creations_are_400_and_create_nothing) {
  for (const char* body :
       {R"({"name":"a/b"})", R"({"name":""})", R"({"name":7})", R"({})", R"({"name":"x","namespace":"udp"})",
        R"({"name":"x","namespace":1})", R"({"name":"x","display_name":5})", R"({"name":"x","display_name":"a\nb"})",
        "[1]", "not json", ""}) {
    const auto r = api("POST", "/api/v1/topics", body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(error_code(r), "bad_request") << body;
  }
  EXPECT_EQ(topics.count(scope(tenant_a)), 0u);
  const std::string long_name(65, 'a');
  EXPECT_EQ(api("POST", "/api/v1/topics", R"({"name":")" + long_name + R"("})").status, 400);
}

TEST_F(native_topics, a_body_over_the_limit_is_413) {
  const std::string big = R"({"name":"x","display_name":")" + std::string(70 * 1024, 'a') + R"("})";
  const auto r = api("POST", "/api/v1/topics", big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(error_code(r), "too_large");
}

TEST_F(native_topics, the_list_is_sorted_by_name_and_filtered_by_namespace) {
  topics.create(scope(tenant_a), "b004");
  topics.create(scope(tenant_a), "a002");
  topics.create(scope(tenant_a, cloud_namespace::tcp), "a002");
  topics.create(scope(tenant_b), "other");
  const auto all = json(api("GET", "/api/v1/topics")).at("topics").as_array();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].at("name"), "a002");
  EXPECT_EQ(all[0].at("namespace"), "mqtt");
  EXPECT_EQ(all[1].at("name"), "a002");
  EXPECT_EQ(all[1].at("namespace"), "tcp");
  EXPECT_EQ(all[2].at("name"), "b004");
  EXPECT_EQ(all[2].at("type"), "sensor");
  const auto tcp = json(api("GET", "/api/v1/topics?ns=tcp")).at("topics").as_array();
  ASSERT_EQ(tcp.size(), 1u);
  EXPECT_EQ(tcp[0].at("namespace"), "tcp");
  EXPECT_EQ(json(api("GET", "/api/v1/topics?ns=mqtt")).at("topics").as_array().size(), 2u);
  EXPECT_EQ(api("GET", "/api/v1/topics", {}, key_b).body,
            R"({"topics":[{"namespace":"mqtt","name":"other","display_name":"","type":"","type_code":"",)"
            R"("value":null,"time_ms":null,"online":0}]})");
  const auto bad = api("GET", "/api/v1/topics?ns=udp");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body, R"({"error":{"code":"bad_request","message":"ns must be mqtt or tcp"}})");
}

TEST_F(native_topics, a_topic_shows_its_value_time_and_online_devices) {
  auto dev = mqtt_device(key_a, "light002");
  auto sender = mqtt_device(key_a);
  sender->publish("light002/up", "on#80");
  const auto r = api("GET", "/api/v1/topics/mqtt/light002");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body,
            R"({"topic":{"namespace":"mqtt","name":"light002","display_name":"","type":"light","type_code":"002",)"
            R"("value":"on#80","time_ms":)" +
                std::to_string(wall_ms) + R"(,"online":1}})");
}

TEST_F(native_topics, a_binary_value_is_shown_as_utf8) {
  topics.observe_publish(scope(tenant_a), "bin",
                         std::string("a\xff"
                                     "b",
                                     3),
                         wall_ms, true);
  EXPECT_EQ(json(api("GET", "/api/v1/topics/mqtt/bin")).at("topic").at("value"),
            "a\xEF\xBF\xBD"
            "b");
}

TEST_F(native_topics, unknown_topics_and_namespaces_are_404) {
  EXPECT_EQ(api("GET", "/api/v1/topics/mqtt/nope").body,
            R"({"error":{"code":"not_found","message":"no topic mqtt/nope"}})");
  topics.create(scope(tenant_b), "theirs");
  EXPECT_EQ(api("GET", "/api/v1/topics/mqtt/theirs").status, 404);  // another tenant's
  for (const char* path : {"/api/v1/topics/udp/x", "/api/v1/topics/mqtt", "/api/v1/topics/mqtt/",
                           "/api/v1/topics/mqtt/a%2Fb/x/y", "/api/v1/topics/mqtt/x/other", "/api/v1/topics/"}) {
    const auto r = api("GET", path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(error_code(r), "not_found") << path;
  }
}

TEST_F(native_topics, patch_renames) {
  topics.create(scope(tenant_a), "light002");
  const auto r = api("PATCH", "/api/v1/topics/mqtt/light002", R"({"display_name":"Küche"})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json(r).at("topic").at("display_name"), "Küche");
  EXPECT_EQ(topics.find(scope(tenant_a), "light002")->display_name, "Küche");
  EXPECT_EQ(api("PATCH", "/api/v1/topics/mqtt/light002", R"({"display_name":""})").status, 200);
  EXPECT_EQ(api("PATCH", "/api/v1/topics/mqtt/light002", R"({})").status, 400);
  EXPECT_EQ(api("PATCH", "/api/v1/topics/mqtt/light002", R"({"display_name":null})").status, 400);
  EXPECT_EQ(api("PATCH", "/api/v1/topics/mqtt/light002", R"({"display_name":")" + std::string(129, 'x') + "\"}").status,
            400);
  EXPECT_EQ(api("PATCH", "/api/v1/topics/mqtt/nope", R"({"display_name":"x"})").status, 404);
}

TEST_F(native_topics, delete_removes_the_topic_and_its_firmware) {
  topics.create(scope(tenant_a), "light002");
  EXPECT_EQ(api("PUT", "/api/v1/topics/mqtt/light002/firmware?version=1", "bytes").status, 201);
  const auto r = api("DELETE", "/api/v1/topics/mqtt/light002");
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.body, "");
  EXPECT_FALSE(topics.exists(scope(tenant_a), "light002"));
  EXPECT_FALSE(firmware.find(scope(tenant_a), "light002"));
  EXPECT_EQ(api("DELETE", "/api/v1/topics/mqtt/light002").status, 404);
}

TEST_F(native_topics, methods_are_checked) {
  topics.create(scope(tenant_a), "light002");
  EXPECT_EQ(api("PUT", "/api/v1/topics").status, 405);
  EXPECT_EQ(api("POST", "/api/v1/topics/mqtt/light002", "{}").status, 405);
  EXPECT_EQ(api("HEAD", "/api/v1/topics/mqtt/light002").status, 200);
}

}  // namespace
