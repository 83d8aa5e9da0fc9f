// The compatible API's topics: /va/alltopic, /va/online, /va/getName, /va/setName, /va/modifyName,
// /v1/addtopic, /v1/deltopic, /v1/createTopic, /v1/deleteTopic.

#include "web_fixture.hpp"

using namespace roost;
using namespace roost::test;
using platform::cloud_namespace;

namespace {

struct compat_topics : compat_fixture {};

TEST_F(compat_topics, alltopic_lists_every_topic_of_the_namespace) {
  auto dev = mqtt_device(key_a, "light002");
  topics.create(scope(tenant_a), "aircon005");
  topics.rename(scope(tenant_a), "aircon005", "Bedroom");
  topics.create(scope(tenant_a, cloud_namespace::tcp), "tcponly");
  EXPECT_EQ(post_form("/va/postmsg", a("topic=light002/up&msg=on%2380")).body, ok_zero);
  EXPECT_EQ(get("/va/alltopic", a("type=1")).body,
            R"({"code":0,"message":"OK","data":[)"
            R"({"topic":"aircon005","msg":"","name":"Bedroom","online":false,"tid":"aircondition","sid":"","time":"","unix":0},)"
            R"({"topic":"light002","msg":"on#80","name":"","online":true,"tid":"light","sid":"","time":"2023-11-15 06:13:20","unix":1700000000}]})");
  EXPECT_EQ(get("/va/alltopic", a("type=3")).body,
            R"({"code":0,"message":"OK","data":[{"topic":"tcponly","msg":"","name":"","online":false,"tid":"","sid":"","time":"","unix":0}]})");
}

TEST_F(compat_topics, alltopic_of_a_tenant_without_topics_is_empty) {
  EXPECT_EQ(get("/va/alltopic", "uid=" + key_b).body, R"({"code":0,"message":"OK","data":[]})");
  EXPECT_EQ(get("/va/alltopic", "uid=" + key_unknown).body, wrong_key);
  EXPECT_EQ(get("/va/alltopic", "type=1").body, R"({"code":10002,"message":"uid is missing"})");
}

TEST_F(compat_topics, tids_use_the_compatible_spelling) {
  for (const char* t : {"a001", "a003", "a004", "a006", "a009", "a010", "a011", "a012", "a013", "a007"}) {
    topics.create(scope(tenant_b), t);
  }
  const auto body = get("/va/alltopic", "uid=" + key_b).body;
  for (const char* tid : {"outlet", "fan", "sensor", "switch", "curtain", "thermostat", "waterheater",
                          "television", "airpurifier"}) {
    EXPECT_NE(body.find(std::string(R"("tid":")") + tid + "\""), std::string::npos) << tid;
  }
  EXPECT_NE(body.find(R"({"topic":"a007","msg":"","name":"","online":false,"tid":"")"), std::string::npos);
}

TEST_F(compat_topics, online_follows_live_devices) {
  topics.create(scope(tenant_a), "led002");
  EXPECT_EQ(get("/va/online", a("topic=led002&type=1")).body, R"({"code":0,"message":"OK","data":false})");
  {
    auto dev = mqtt_device(key_a, "led002");
    EXPECT_EQ(get("/va/online", a("topic=led002&type=1")).body, R"({"code":0,"message":"OK","data":true})");
    EXPECT_EQ(get("/va/online", a("topic=led002&type=3")).body, wrong_key);
  }
  EXPECT_EQ(get("/va/online", a("topic=led002&type=1")).body, R"({"code":0,"message":"OK","data":false})");
  tcp_device(key_a, "led002");
  EXPECT_EQ(get("/va/online", a("topic=led002&type=3")).body, R"({"code":0,"message":"OK","data":true})");
  EXPECT_EQ(get("/va/online", a("topic=nothing")).body, wrong_key);
}

TEST_F(compat_topics, names_are_read_and_set) {
  topics.create(scope(tenant_a), "led002");
  EXPECT_EQ(get("/va/getName", a("topic=led002")).body, R"({"code":0,"message":"OK","data":""})");
  EXPECT_EQ(post_json("/va/setName", R"({"uid":")" + key_a + R"(","topic":"led002","type":1,"name":"客厅灯"})").body,
            ok_zero);
  EXPECT_EQ(get("/va/getName", a("topic=led002&type=1")).body, R"({"code":0,"message":"OK","data":"客厅灯"})");
  EXPECT_EQ(post_form("/va/modifyName", a("topic=led002&name=Kitchen")).body, ok_zero);
  EXPECT_EQ(topics.find(scope(tenant_a), "led002")->display_name, "Kitchen");
  EXPECT_EQ(post_form("/va/modifyName", a("topic=led002&name=")).body, ok_zero) << "an empty name clears it";
  EXPECT_EQ(topics.find(scope(tenant_a), "led002")->display_name, "");
}

TEST_F(compat_topics, bad_names_and_unknown_topics) {
  topics.create(scope(tenant_a), "led002");
  EXPECT_EQ(post_form("/va/setName", a("topic=led002")).body, R"({"code":10002,"message":"name is missing"})");
  EXPECT_EQ(post_form("/va/setName", a("topic=led002&name=" + std::string(129, 'n'))).body,
            R"({"code":10002,"message":"name must be at most 128 bytes"})");
  EXPECT_EQ(post_form("/va/setName", a("topic=led002&name=" + std::string(128, 'n'))).body, ok_zero);
  EXPECT_EQ(post_form("/va/setName", a("topic=other&name=x")).body, wrong_key);
  EXPECT_EQ(get("/va/getName", a("topic=other")).body, wrong_key);
  EXPECT_EQ(post_form("/va/setName", "uid=" + key_b + "&topic=led002&name=x").body, wrong_key);
}

TEST_F(compat_topics, addtopic_and_deltopic) {
  EXPECT_EQ(post_form("/v1/addtopic", a("topic=fan003&type=1&name=Fan")).body, ok_zero);
  const auto created = topics.find(scope(tenant_a), "fan003");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->display_name, "Fan");
  EXPECT_EQ(created->type, platform::device_type::fan);
  EXPECT_EQ(post_form("/v1/addtopic", a("topic=fan003&type=1")).body,
            R"({"code":40006,"message":"the topic already exists"})");
  EXPECT_EQ(post_json("/v1/addtopic", R"({"uid":")" + key_a + R"(","topic":"fan003","type":3})").body, ok_zero);
  EXPECT_TRUE(topics.exists(scope(tenant_a, cloud_namespace::tcp), "fan003"));

  EXPECT_EQ(post_form("/v1/deltopic", a("topic=fan003&type=1")).body, ok_zero);
  EXPECT_FALSE(topics.exists(scope(tenant_a), "fan003"));
  EXPECT_TRUE(topics.exists(scope(tenant_a, cloud_namespace::tcp), "fan003"));
  EXPECT_EQ(post_form("/v1/deltopic", a("topic=fan003&type=1")).body, wrong_key);
}

TEST_F(compat_topics, deltopic_removes_the_topics_firmware_too) {
  EXPECT_EQ(post_form("/v1/addtopic", a("topic=ota002&type=1")).body, ok_zero);
  firmware.put(scope(tenant_a), "ota002", {"\x01\x02", "1.0.0", "", "app.bin", wall_ms}, [](auto stored) {
    ASSERT_TRUE(stored);
  });
  ASSERT_TRUE(firmware.find(scope(tenant_a), "ota002"));
  EXPECT_EQ(post_form("/v1/deltopic", a("topic=ota002&type=1")).body, ok_zero);
  EXPECT_FALSE(firmware.find(scope(tenant_a), "ota002"));
}

TEST_F(compat_topics, a_tenant_that_does_not_create_topics_may_still_add_them) {
  EXPECT_EQ(post_form("/v1/addtopic", "uid=" + key_b + "&topic=made").body, ok_zero);
  EXPECT_TRUE(topics.exists(scope(tenant_b), "made"));
  EXPECT_FALSE(topics.exists(scope(tenant_a), "made"));
}

TEST_F(compat_topics, topic_management_checks_its_parameters) {
  EXPECT_EQ(post_form("/v1/addtopic", a("type=1")).body, R"({"code":10002,"message":"topic is missing"})");
  EXPECT_EQ(post_form("/v1/addtopic", a("topic=a/set")).body,
            R"({"code":10002,"message":"topic must be a topic name: 1 to 64 letters, digits, '_' or '-'"})");
  EXPECT_EQ(post_form("/v1/addtopic", a("topic=a&type=4")).body, R"({"code":10002,"message":"type must be 1, 3, 5 or 7"})");
  EXPECT_EQ(post_form("/v1/addtopic", "uid=" + key_unknown + "&topic=a").body, wrong_key);
  EXPECT_EQ(post_form("/v1/addtopic", a("topic=a&name=" + std::string(200, 'n'))).body,
            R"({"code":10002,"message":"name must be at most 128 bytes"})");
  EXPECT_FALSE(topics.exists(scope(tenant_a), "a"));
  EXPECT_EQ(post_json("/v1/deltopic", "{").body, R"({"code":10002,"message":"the body is not a JSON object"})");
}

TEST_F(compat_topics, create_and_delete_topic_carry_the_result_inside) {
  const std::string body = R"({"uid":")" + key_a + R"(","topic":"sw006","type":1,"name":"Switch"})";
  EXPECT_EQ(post_json("/v1/createTopic", body).body, R"({"code":0,"message":"OK","data":{"code":0,"message":"OK"}})");
  EXPECT_EQ(topics.find(scope(tenant_a), "sw006")->display_name, "Switch");
  EXPECT_EQ(post_json("/v1/createTopic", body).body,
            R"({"code":0,"message":"OK","data":{"code":40006,"message":"the topic already exists"}})");
  EXPECT_EQ(post_json("/v1/deleteTopic", body).body, R"({"code":0,"message":"OK","data":{"code":0,"message":"OK"}})");
  EXPECT_FALSE(topics.exists(scope(tenant_a), "sw006"));
  EXPECT_EQ(post_json("/v1/deleteTopic", body).body,
            R"({"code":0,"message":"OK","data":{"code":40004,"message":"wrong private key or topic"}})");
  EXPECT_EQ(post_json("/v1/createTopic", R"({"uid":")" + key_unknown + R"(","topic":"sw006"})").body, wrong_key);
  EXPECT_EQ(post_json("/v1/createTopic", R"({"uid":")" + key_a + R"("})").body,
            R"({"code":10002,"message":"topic is missing"})");
}

}  // namespace
