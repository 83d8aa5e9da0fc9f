// The `http` listener with a stand-in application: what the application is given, responses
// from other threads, responses that arrive after their connection or the whole server is gone,
// an application that throws, and the shutdown.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "raw_client.hpp"
#include "roost/broker/engine.hpp"
#include "roost/server/server.hpp"
#include "roost/web/http.hpp"

namespace roost::server {
namespace {

// Calls `on_request` for every request; keeps the last request seen.
class stand_in_app final : public web::http_handler {
 public:
  std::function<void(const web::request&, web::respond)> on_request;

  void handle(const web::request& r, web::respond done) override {
    {
      std::lock_guard lock(_mutex);
      _last = r;
    }
    on_request(r, std::move(done));
  }

  std::optional<web::request> last() {
    std::lock_guard lock(_mutex);
    return _last;
  }

 private:
  std::mutex _mutex;
  std::optional<web::request> _last;
};

web::response text(std::string body) {
  web::response r;
  r.content_type = "text/plain";
  r.body = std::move(body);
  return r;
}

struct http_listener : ::testing::Test {
  server_config config() {
    server_config c;
    listener_config l;
    l.name = "http";
    l.profile = listener_profile::http;
    l.host = "127.0.0.1";
    l.http = &app;
    l.http_max_body = 1024;
    c.listeners.push_back(l);
    c.threads = 2;
    c.shutdown_grace = std::chrono::milliseconds(300);
    return c;
  }

  // Starts `s` on its own thread; returns the bound port.
  std::uint16_t start(server& s) {
    auto bound = s.start();
    EXPECT_TRUE(bound) << (bound ? "" : bound.error());
    runner = std::thread([&s, this] { summary = s.run(); });
    return bound ? (*bound)[0].port : 0;
  }

  void stop(server& s) {
    s.stop();
    if (runner.joinable()) runner.join();
  }

  broker::engine engine{broker::settings{}, nullptr, clock_type::now()};
  stand_in_app app;
  std::thread runner;
  shutdown_summary summary;
};

TEST_F(http_listener, the_application_gets_method_path_query_headers_body_and_address) {
  app.on_request = [](const web::request&, web::respond done) { done(text("ok")); };
  server s{config(), engine};
  const auto port = start(s);
  raw_client c{port};
  ASSERT_TRUE(c.send(std::string("POST /va/post%6Dsg?uid=a%20b HTTP/1.1\r\nHost: t\r\nX-Mixed-Case: V\r\n"
                                 "Content-Length: 5\r\n\r\nhello")));
  EXPECT_NE(c.receive_text("ok").find("HTTP/1.1 200 OK"), std::string::npos);
  const auto r = app.last();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->method, "POST");
  EXPECT_EQ(r->path, "/va/postmsg");
  EXPECT_EQ(r->query, "uid=a%20b");
  EXPECT_EQ(r->header("x-mixed-case"), "V");
  EXPECT_EQ(r->header("host"), "t");
  EXPECT_EQ(r->body, "hello");
  EXPECT_EQ(r->remote, "127.0.0.1");
  stop(s);
}

TEST_F(http_listener, a_response_from_another_thread_is_written) {
  std::vector<std::thread> workers;
  std::mutex m;
  app.on_request = [&](const web::request&, web::respond done) {
    std::lock_guard lock(m);
    workers.emplace_back([done = std::move(done)] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      done(text("from a worker"));
    });
  };
  server s{config(), engine};
  const auto port = start(s);
  raw_client c{port};
  ASSERT_TRUE(c.send(std::string("GET /a HTTP/1.1\r\nHost: t\r\n\r\n")));
  const auto got = c.receive_text("from a worker");
  EXPECT_NE(got.find("Content-Length: 13\r\n"), std::string::npos) << got;
  EXPECT_NE(got.find("Content-Type: text/plain\r\n"), std::string::npos) << got;
  EXPECT_NE(got.find("Server: roost\r\n"), std::string::npos) << got;
  stop(s);
  for (auto& w : workers) w.join();
  EXPECT_EQ(summary.abandoned, 0u);
}

TEST_F(http_listener, a_second_response_to_one_request_is_dropped) {
  app.on_request = [](const web::request&, web::respond done) {
    done(text("first"));
    done(text("second"));
  };
  server s{config(), engine};
  const auto port = start(s);
  raw_client c{port};
  ASSERT_TRUE(c.send(std::string("GET /a HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")));
  const auto got = c.receive_text();
  EXPECT_NE(got.find("first"), std::string::npos) << got;
  EXPECT_EQ(got.find("second"), std::string::npos) << got;
  stop(s);
}

TEST_F(http_listener, a_response_after_the_server_is_gone_is_dropped) {
  std::mutex m;
  std::vector<web::respond> held;
  app.on_request = [&](const web::request&, web::respond done) {
    std::lock_guard lock(m);
    held.push_back(std::move(done));
  };
  {
    server s{config(), engine};
    const auto port = start(s);
    raw_client c{port};
    ASSERT_TRUE(c.send(std::string("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")));
    for (int i = 0; i < 500; ++i) {
      {
        std::lock_guard lock(m);
        if (!held.empty()) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stop(s);  // the connection waits for its response until the grace period ends
    EXPECT_EQ(summary.abandoned, 1u);
    EXPECT_TRUE(c.sees_eof());
  }
  std::lock_guard lock(m);
  ASSERT_EQ(held.size(), 1u);
  held[0](text("too late"));  // the server is destroyed: nothing is posted anywhere
}

TEST_F(http_listener, a_throwing_application_gets_500_and_the_server_goes_on) {
  app.on_request = [](const web::request& r, web::respond done) {
    if (r.path == "/throw") throw std::runtime_error("boom");
    done(text("fine"));
  };
  server s{config(), engine};
  const auto port = start(s);
  raw_client c{port};
  ASSERT_TRUE(c.send(std::string("GET /throw HTTP/1.1\r\nHost: t\r\n\r\nGET /ok HTTP/1.1\r\nHost: t\r\n\r\n")));
  const auto got = c.receive_text("fine");
  EXPECT_NE(got.find("HTTP/1.1 500 Internal Server Error"), std::string::npos) << got;
  EXPECT_NE(got.find(R"("code":"internal")"), std::string::npos) << got;
  EXPECT_NE(got.find("HTTP/1.1 200 OK"), std::string::npos) << got;
  stop(s);
}

TEST_F(http_listener, idle_connections_close_at_once_on_shutdown) {
  app.on_request = [](const web::request&, web::respond done) { done(text("ok")); };
  server s{config(), engine};
  const auto port = start(s);
  raw_client busy{port};
  ASSERT_TRUE(busy.send(std::string("GET /a HTTP/1.1\r\nHost: t\r\n\r\n")));
  EXPECT_NE(busy.receive_text("ok").find("200 OK"), std::string::npos);
  raw_client quiet{port};  // connected, sends nothing
  stop(s);
  EXPECT_TRUE(busy.sees_eof());
  EXPECT_TRUE(quiet.sees_end());
  EXPECT_EQ(summary.abandoned, 0u);
}

TEST_F(http_listener, a_listener_without_an_application_does_not_start) {
  auto c = config();
  c.listeners[0].http = nullptr;
  server s{c, engine};
  auto bound = s.start();
  ASSERT_FALSE(bound);
  EXPECT_EQ(bound.error(), "http: the http listener has no application");
}

}  // namespace
}  // namespace roost::server
