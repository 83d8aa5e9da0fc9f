#pragma once
// The web application over real services, without sockets: a broker engine with the device
// cloud's MQTT profile, a topic registry, a line hub and tenants in memory. Requests go straight to
// application::handle; responses are captured. MQTT devices are scripted peers on the engine, TCP
// devices line sinks on the hub; firmware is kept in memory.
//
//   struct my_test : web_fixture {};
//   TEST_F(my_test, x) {
//     auto dev = mqtt_device(key_a, "led002");
//     auto r = post_form("/va/postmsg", "uid=" + key_a + "&topic=led002&msg=on");
//     EXPECT_EQ(r.body, R"({"code":0,"message":"OK","data":0})");
//     EXPECT_EQ(dev->expect_publish().payload, "on");
//   }

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "roost/platform/cloud_profile.hpp"
#include "roost/platform/cloud_scope.hpp"
#include "roost/platform/line_hub.hpp"
#include "roost/platform/tenant_authenticator.hpp"
#include "roost/web/application.hpp"
#include "support/memory_firmware_catalog.hpp"
#include "support/scripted_peer.hpp"
#include "unit/platform/fake_tenant_repository.hpp"

namespace roost::test {

// A TCP line-protocol device as the hub sees it: a session whose pushes are collected.
struct line_device : platform::line_sink {
  platform::line_session_id session = 0;
  struct push_record {
    std::string uid, topic, msg;
  };
  std::vector<push_record> pushes;
  void push(std::string uid, std::string topic, std::string msg) override {
    pushes.push_back({std::move(uid), std::move(topic), std::move(msg)});
  }
};

struct web_fixture : engine_fixture {
  // Two tenants; tenant b does not create topics on first use.
  const std::string key_a = "0123456789abcdef0123456789abcdef";
  const std::string key_b = "fedcba9876543210fedcba9876543210";
  // A key of the right form that no tenant has.
  const std::string key_unknown = "00000000000000000000000000000000";

  fake_tenant_repository repo;
  platform::tenant_directory tenants{repo};
  platform::topic_registry topics{6000};
  // Wall time of the services (Unix ms): 2023-11-14 22:13:20.123 UTC.
  std::int64_t wall_ms = 1'700'000'000'123;
  platform::cloud_profile profile{topics, tenants, [this] { return wall_ms; }};
  platform::tenant_authenticator auth{tenants, platform::cloud_namespace::mqtt};
  broker::listener_binding binding{&auth, &profile};
  platform::line_hub line{tenants, topics, [this] { return wall_ms; }};
  memory_firmware_catalog firmware;
  std::int64_t tenant_a = 0;
  std::int64_t tenant_b = 0;
  std::vector<std::unique_ptr<line_device>> line_devices;
  std::unique_ptr<web::application> app;

  web_fixture() {
    tenant_a = repo.add({0, key_a, "a", 0, true, {}, {}})->id;
    tenant_b = repo.add({0, key_b, "b", 0, false, {}, {}})->id;
    web::settings s;
    s.rate_per_second = 0;  // no limit unless a test asks for one
    make_app(s);
  }
  ~web_fixture() override {
    for (auto& d : line_devices) line.closed(d->session);
  }

  // Replaces the application (new settings, fresh rate limits).
  void make_app(web::settings s) {
    app = std::make_unique<web::application>(
        web::services{*e, profile, topics, line, tenants, [this] { return wall_ms; }, firmware}, std::move(s));
  }

  // The broker scope of a tenant's namespace.
  broker::scope_id scope(std::int64_t tenant, platform::cloud_namespace ns = platform::cloud_namespace::mqtt) const {
    return platform::scope_of(tenant, ns);
  }

  // Sends `r` and returns the response; fails the test when none came (synchronously).
  web::response call(web::request r) {
    if (r.remote.empty()) r.remote = "192.0.2.1";
    std::optional<web::response> got;
    int calls = 0;
    app->handle(r, [&](web::response out) {
      ++calls;
      got = std::move(out);
    });
    EXPECT_EQ(calls, 1) << r.method << " " << r.path << ": respond must be called exactly once";
    return got.value_or(web::response{0, "", "no response", {}});
  }
  // GET `path`?`query`.
  web::response get(std::string path, std::string query = {}) {
    return call({"GET", std::move(path), std::move(query), {}, {}, {}});
  }
  // POST `body` with `content_type` ("" sends no Content-Type).
  web::response post(std::string path, std::string body, std::string content_type, std::string query = {}) {
    web::request r{"POST", std::move(path), std::move(query), {}, std::move(body), {}};
    if (!content_type.empty()) r.headers["content-type"] = std::move(content_type);
    return call(std::move(r));
  }
  // POST a form-urlencoded or a JSON body.
  web::response post_form(std::string path, std::string body) {
    return post(std::move(path), std::move(body), "application/x-www-form-urlencoded");
  }
  web::response post_json(std::string path, std::string body) {
    return post(std::move(path), std::move(body), "application/json; charset=utf-8");
  }

  // An MQTT device of the tenant with `key`, subscribed to `topic` when given.
  std::unique_ptr<scripted_peer> mqtt_device(const std::string& key, std::optional<std::string> topic = {}) {
    auto p = std::make_unique<scripted_peer>(*e, clock, binding);
    p->connect_ok(connect_packet(key, true));
    if (topic) {
      p->subscribe(1, {{*topic, 0}});
      EXPECT_EQ(p->expect_suback().return_codes[0], 0);
    }
    return p;
  }

  // A TCP device of the tenant with `key`, subscribed to `topic`; owned by the fixture.
  line_device& tcp_device(const std::string& key, const std::string& topic) {
    auto& d = *line_devices.emplace_back(std::make_unique<line_device>());
    d.session = line.next_session_id();
    line.register_session(d.session, d);
    EXPECT_TRUE(line.subscribe(d.session, key, topic));
    return d;
  }
};

// The compatible API's tests: their two most common replies and a query helper for tenant A.
struct compat_fixture : web_fixture {
  static inline const std::string ok_zero = R"({"code":0,"message":"OK","data":0})";
  static inline const std::string wrong_key = R"({"code":40004,"message":"wrong private key or topic"})";

  // `rest` of a query or form with tenant A's key as uid: a("topic=t") -> "uid=<key_a>&topic=t".
  std::string a(const std::string& rest) { return "uid=" + key_a + "&" + rest; }
};

}  // namespace roost::test
