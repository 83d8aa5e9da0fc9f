// The compatible API's messages: /va/postmsg (and /va/postJsonMsg, /va/sendMessage), /va/getmsg.

#include "support/memory_persistence.hpp"
#include "web_fixture.hpp"

using namespace roost;
using namespace roost::test;
using platform::cloud_namespace;

namespace {

struct compat_messages : compat_fixture {};

TEST_F(compat_messages, postmsg_form_reaches_an_mqtt_device_and_sets_the_value) {
  auto dev = mqtt_device(key_a, "led002");
  const auto r = post_form("/va/postmsg", a("topic=led002&type=1&msg=on%231"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, ok_zero);
  const auto got = dev->expect_publish();
  EXPECT_EQ(got.topic, "led002");
  EXPECT_EQ(got.payload, "on#1");
  EXPECT_EQ(topics.latest(scope(tenant_a), "led002")->value, "on#1");
  EXPECT_EQ(topics.latest(scope(tenant_a), "led002")->time_ms, wall_ms);
}

TEST_F(compat_messages, post_json_with_type_3_reaches_tcp_devices_only) {
  auto& tcp = tcp_device(key_a, "led002");
  auto mqtt = mqtt_device(key_a, "led002");
  const auto r = post_json("/va/postJsonMsg", R"({"uid":")" + key_a +
                                                  R"(","topic":"led002","type":3,"msg":"off","wemsg":"hi","share":true})");
  EXPECT_EQ(r.body, ok_zero);
  ASSERT_EQ(tcp.pushes.size(), 1u);
  EXPECT_EQ(tcp.pushes[0].uid, key_a);
  EXPECT_EQ(tcp.pushes[0].topic, "led002");
  EXPECT_EQ(tcp.pushes[0].msg, "off");
  mqtt->expect_nothing();
  EXPECT_EQ(topics.latest(scope(tenant_a, cloud_namespace::tcp), "led002")->value, "off");
  EXPECT_FALSE(topics.latest(scope(tenant_a), "led002").has_value());
}

TEST_F(compat_messages, type_5_is_mqtt_type_7_is_tcp_and_a_missing_type_is_mqtt) {
  auto& tcp = tcp_device(key_a, "t1");
  auto mqtt = mqtt_device(key_a, "t1");
  EXPECT_EQ(get("/va/sendMessage", a("topic=t1&type=5&msg=five")).body, ok_zero);
  EXPECT_EQ(mqtt->expect_publish().payload, "five");
  EXPECT_EQ(get("/va/sendMessage", a("topic=t1&type=7&msg=seven")).body, ok_zero);
  ASSERT_EQ(tcp.pushes.size(), 1u);
  EXPECT_EQ(tcp.pushes[0].msg, "seven");
  EXPECT_EQ(get("/va/postmsg", a("topic=t1&msg=none")).body, ok_zero);
  EXPECT_EQ(mqtt->expect_publish().payload, "none");
  EXPECT_EQ(post_form("/va/postmsg", a("topic=t1&type=&msg=empty")).body, ok_zero);
  EXPECT_EQ(mqtt->expect_publish().payload, "empty");
  EXPECT_EQ(tcp.pushes.size(), 1u);
}

TEST_F(compat_messages, query_and_body_merge_with_the_body_winning) {
  auto dev = mqtt_device(key_a, "led002");
  const auto r = post("/va/postmsg", "msg=from-body&topic=led002", "application/x-www-form-urlencoded",
                      a("topic=other&msg=from-query"));
  EXPECT_EQ(r.body, ok_zero);
  EXPECT_EQ(dev->expect_publish().payload, "from-body");
}

TEST_F(compat_messages, set_reaches_subscribers_and_up_only_the_value) {
  auto dev = mqtt_device(key_a, "led002");
  EXPECT_EQ(post_form("/va/postmsg", a("topic=led002/set&msg=on")).body, ok_zero);
  const auto got = dev->expect_publish();
  EXPECT_EQ(got.topic, "led002");
  EXPECT_EQ(got.payload, "on");
  EXPECT_EQ(post_form("/va/postmsg", a("topic=led002/up&msg=off")).body, ok_zero);
  dev->expect_nothing();
  EXPECT_EQ(topics.latest(scope(tenant_a), "led002")->value, "off");
  EXPECT_EQ(topics.find(scope(tenant_a), "led002")->history.size(), 2u);
}

TEST_F(compat_messages, an_empty_message_is_posted) {
  auto dev = mqtt_device(key_a, "led002");
  EXPECT_EQ(post_form("/va/postmsg", a("topic=led002&msg=")).body, ok_zero);
  EXPECT_EQ(dev->expect_publish().payload, "");
}

TEST_F(compat_messages, missing_parameters_are_named) {
  EXPECT_EQ(post_form("/va/postmsg", "topic=led002&msg=on").body, R"({"code":10002,"message":"uid is missing"})");
  EXPECT_EQ(post_form("/va/postmsg", "uid=&topic=led002&msg=on").body, R"({"code":10002,"message":"uid is missing"})");
  EXPECT_EQ(post_form("/va/postmsg", a("msg=on")).body, R"({"code":10002,"message":"topic is missing"})");
  EXPECT_EQ(post_form("/va/postmsg", a("topic=led002")).body, R"({"code":10002,"message":"msg is missing"})");
  EXPECT_EQ(get("/va/getmsg", a("type=1")).body, R"({"code":10002,"message":"topic is missing"})");
}

TEST_F(compat_messages, a_bad_type_is_a_parameter_error) {
  for (const char* type : {"2", "0", "x", "1x", "11"}) {
    EXPECT_EQ(post_form("/va/postmsg", a("topic=led002&msg=on&type=" + std::string(type))).body,
              R"({"code":10002,"message":"type must be 1, 3, 5 or 7"})")
        << type;
  }
}

TEST_F(compat_messages, invalid_topics_are_parameter_errors) {
  const std::string publish_rule =
      R"({"code":10002,"message":"topic must be a topic name (1 to 64 letters, digits, '_' or '-'), optionally with /set or /up"})";
  EXPECT_EQ(post_form("/va/postmsg", a("topic=led002/app&msg=on")).body, publish_rule);
  EXPECT_EQ(post_form("/va/postmsg", a("topic=a%2Fb&msg=on")).body, publish_rule);
  EXPECT_EQ(post_form("/va/postmsg", a("topic=%23&msg=on")).body, publish_rule);
  EXPECT_EQ(post_form("/va/postmsg", a("topic=" + std::string(65, 'x') + "&msg=on")).body, publish_rule);
  EXPECT_EQ(get("/va/getmsg", a("topic=led002/up")).body,
            R"({"code":10002,"message":"topic must be a topic name: 1 to 64 letters, digits, '_' or '-'"})");
}

TEST_F(compat_messages, a_wrong_key_and_an_unknown_topic_get_the_same_answer) {
  topics.create(scope(tenant_b), "known");
  auto dev = mqtt_device(key_b, "known");
  const auto unknown_topic = post_form("/va/postmsg", "uid=" + key_b + "&topic=missing&msg=on");
  const auto unknown_key = post_form("/va/postmsg", "uid=" + key_unknown + "&topic=known&msg=on");
  const auto not_a_key = post_form("/va/postmsg", "uid=hello&topic=known&msg=on");
  EXPECT_EQ(unknown_topic.body, wrong_key);
  EXPECT_EQ(unknown_key.body, wrong_key);
  EXPECT_EQ(not_a_key.body, wrong_key);
  EXPECT_EQ(unknown_topic.status, 200);
  EXPECT_FALSE(topics.exists(scope(tenant_b), "missing")) << "tenant b does not create topics";
  dev->expect_nothing();
  EXPECT_EQ(post_form("/va/postmsg", "uid=" + key_b + "&topic=known&msg=on").body, ok_zero);
  EXPECT_EQ(dev->expect_publish().payload, "on");
}

TEST_F(compat_messages, a_tenant_never_reaches_another_tenants_topic) {
  auto dev = mqtt_device(key_a, "shared");
  EXPECT_EQ(post_form("/va/postmsg", "uid=" + key_b + "&topic=shared&msg=x").body, wrong_key);
  dev->expect_nothing();
  topics.create(scope(tenant_b), "shared");
  EXPECT_EQ(post_form("/va/postmsg", "uid=" + key_b + "&topic=shared&msg=x").body, ok_zero);
  dev->expect_nothing();
}

TEST_F(compat_messages, a_body_that_claims_json_and_is_not_is_a_parameter_error) {
  const std::string bad = R"({"code":10002,"message":"the body is not a JSON object"})";
  EXPECT_EQ(post_json("/va/postJsonMsg", "{\"uid\":").body, bad);
  EXPECT_EQ(post_json("/va/postJsonMsg", "[1,2]").body, bad);
  EXPECT_EQ(post("/va/postmsg", "{not json", "").body, bad) << "no content type, starts like an object";
}

TEST_F(compat_messages, the_answer_waits_for_the_commit) {
  struct always_writing : memory_persistence {
    mutable std::uint64_t n = 0;
    std::uint64_t writes() const override { return ++n; }
  } store;
  e->persist_to(&store, true);
  std::vector<web::response> answers;
  auto send = [&] {
    app->handle({"POST", "/va/postmsg", {}, {{"content-type", "application/x-www-form-urlencoded"}},
                 "uid=" + key_a + "&topic=led002&msg=on", "192.0.2.1"},
                [&](web::response r) { answers.push_back(std::move(r)); });
  };
  send();
  EXPECT_TRUE(answers.empty()) << "answered before the commit";
  store.commit();
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].body, ok_zero);
  send();
  store.commit(false);
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[1].body, R"({"code":40000,"message":"the message could not be stored"})");
  e->persist_to(nullptr);
}

// --- /va/getmsg ---

struct compat_getmsg : compat_messages {
  void history(const std::string& topic, int n, cloud_namespace ns = cloud_namespace::mqtt) {
    for (int i = 0; i < n; ++i) {
      topics.observe_publish(scope(tenant_a, ns), topic, "v" + std::to_string(i), wall_ms + i * 1000, true);
    }
  }
};

TEST_F(compat_getmsg, newest_first_one_by_default) {
  history("temp004", 3);
  EXPECT_EQ(get("/va/getmsg", a("topic=temp004&type=1")).body,
            R"({"code":0,"message":"OK","data":[{"msg":"v2","time":"2023-11-15 06:13:22","unix":1700000002}]})");
  EXPECT_EQ(get("/va/getmsg", a("topic=temp004&type=1&num=2")).body,
            R"({"code":0,"message":"OK","data":[{"msg":"v2","time":"2023-11-15 06:13:22","unix":1700000002},)"
            R"({"msg":"v1","time":"2023-11-15 06:13:21","unix":1700000001}]})");
}

TEST_F(compat_getmsg, a_post_shows_up) {
  EXPECT_EQ(post_form("/va/postmsg", a("topic=temp004/up&msg=%2321%2340")).body, ok_zero);
  EXPECT_EQ(get("/va/getmsg", a("topic=temp004")).body,
            R"({"code":0,"message":"OK","data":[{"msg":"#21#40","time":"2023-11-15 06:13:20","unix":1700000000}]})");
}

TEST_F(compat_getmsg, namespaces_are_separate) {
  history("led002", 1, cloud_namespace::tcp);
  EXPECT_EQ(get("/va/getmsg", a("topic=led002&type=3")).body,
            R"({"code":0,"message":"OK","data":[{"msg":"v0","time":"2023-11-15 06:13:20","unix":1700000000}]})");
  EXPECT_EQ(get("/va/getmsg", a("topic=led002&type=1")).body, wrong_key);
}

TEST_F(compat_getmsg, a_topic_without_messages_has_an_empty_list) {
  topics.create(scope(tenant_a), "quiet");
  EXPECT_EQ(get("/va/getmsg", a("topic=quiet")).body, R"({"code":0,"message":"OK","data":[]})");
}

TEST_F(compat_getmsg, an_unknown_topic_is_40004) {
  EXPECT_EQ(get("/va/getmsg", a("topic=nothing")).body, wrong_key);
  EXPECT_EQ(get("/va/getmsg", "uid=" + key_unknown + "&topic=nothing").body, wrong_key);
}

TEST_F(compat_getmsg, num_bounds) {
  history("t", 5003);
  const std::string bad = R"({"code":10002,"message":"num must be a whole number from 1 to 5000"})";
  for (const char* num : {"0", "-1", "abc", "1.5", "000", " 2"}) {
    EXPECT_EQ(get("/va/getmsg", a("topic=t&num=" + std::string(num))).body, bad) << num;
  }
  auto count = [&](const std::string& num) {
    const auto body = get("/va/getmsg", a("topic=t&num=" + num)).body;
    std::size_t n = 0;
    for (auto at = body.find("\"msg\""); at != std::string::npos; at = body.find("\"msg\"", at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("1"), 1u);
  EXPECT_EQ(count("007"), 7u);
  EXPECT_EQ(count("5000"), 5000u);
  EXPECT_EQ(count("5001"), 5000u) << "more than 5000 reads 5000";
  EXPECT_EQ(count("99999999999999999999999"), 5000u);
  EXPECT_EQ(count(""), 1u);
}

TEST_F(compat_getmsg, times_follow_the_configured_zone) {
  history("t", 1);
  web::settings s;
  s.rate_per_second = 0;
  s.utc_offset_minutes = 0;
  make_app(s);
  EXPECT_EQ(get("/va/getmsg", a("topic=t")).body,
            R"({"code":0,"message":"OK","data":[{"msg":"v0","time":"2023-11-14 22:13:20","unix":1700000000}]})");
  s.utc_offset_minutes = -330;
  make_app(s);
  EXPECT_EQ(get("/va/getmsg", a("topic=t")).body,
            R"({"code":0,"message":"OK","data":[{"msg":"v0","time":"2023-11-14 16:43:20","unix":1700000000}]})");
}

}  // namespace

namespace {

TEST_F(compat_getmsg, bytes_that_are_not_utf8_are_replaced) {
  topics.observe_publish(scope(tenant_a), "bin", std::string("\xC3\xA9\xFF" "b\0c\xE2\x82", 8), wall_ms, true);
  EXPECT_EQ(get("/va/getmsg", a("topic=bin")).body,
            "{\"code\":0,\"message\":\"OK\",\"data\":[{\"msg\":\"\xC3\xA9\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\","
            "\"time\":\"2023-11-15 06:13:20\",\"unix\":1700000000}]}");
}

}  // namespace
