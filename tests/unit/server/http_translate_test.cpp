// Between Beast's messages and the web application's: what the application sees of a request,
// and what a response becomes on the wire.

#include <gtest/gtest.h>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

#include "http_translate.hpp"

namespace roost::server {
namespace {

namespace http = boost::beast::http;

beast_request get(std::string target) {
  beast_request r{http::verb::get, target, 11};
  return r;
}

TEST(to_web_request, splits_and_decodes_the_target) {
  auto r = get("/va/get%6Dsg/%E4%BD%A0?uid=a%20b&topic=t");
  auto w = to_web_request(r, "10.0.0.1");
  ASSERT_TRUE(w) << w.error();
  EXPECT_EQ(w->method, "GET");
  EXPECT_EQ(w->path, "/va/getmsg/\xe4\xbd\xa0");
  EXPECT_EQ(w->query, "uid=a%20b&topic=t");  // the query stays raw: the application decodes it
  EXPECT_EQ(w->remote, "10.0.0.1");
}

TEST(to_web_request, no_query_is_an_empty_query) {
  auto r = get("/api/v1/me");
  auto w = to_web_request(r, "");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->path, "/api/v1/me");
  EXPECT_EQ(w->query, "");
}

TEST(to_web_request, header_names_are_lower_case_and_the_last_repeat_wins) {
  auto r = get("/");
  r.insert("X-Thing", "one");
  r.insert("x-thing", "two");
  r.set(http::field::authorization, "Bearer k");
  auto w = to_web_request(r, "");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->header("x-thing"), "two");
  EXPECT_EQ(w->header("authorization"), "Bearer k");
  EXPECT_EQ(w->header("X-Thing"), "");  // names are looked up in lower case
}

TEST(to_web_request, body_and_method_are_kept) {
  beast_request r{http::verb::post, "/va/postmsg", 11};
  r.body() = "uid=k&msg=on";
  auto w = to_web_request(r, "");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->method, "POST");
  EXPECT_EQ(w->body, "uid=k&msg=on");
}

TEST(to_web_request, refuses_targets_that_are_not_origin_form_or_decode_to_control_characters) {
  for (const char* bad : {"nopath", "http://host/x", "/a b", "/%zz", "/a%00b", "/a%0Ab", "*"}) {
    auto r = get(bad);
    auto w = to_web_request(r, "");
    EXPECT_FALSE(w) << bad;
  }
}

TEST(to_beast_response, sets_server_type_length_and_connection) {
  web::response r;
  r.status = 201;
  r.body = R"({"ok":true})";
  r.headers = {{"Cache-Control", "no-cache"}};
  auto res = to_beast_response(r, 11, true);
  EXPECT_EQ(res.result_int(), 201u);
  EXPECT_EQ(res[http::field::server], "roost");
  EXPECT_EQ(res[http::field::content_type], "application/json");
  EXPECT_EQ(res[http::field::content_length], "11");
  EXPECT_EQ(res[http::field::cache_control], "no-cache");
  EXPECT_TRUE(res.keep_alive());
  EXPECT_EQ(res.body(), r.body);

  auto closing = to_beast_response(r, 11, false);
  EXPECT_FALSE(closing.keep_alive());
  EXPECT_EQ(closing[http::field::connection], "close");
}

TEST(to_beast_response, no_content_has_no_body_and_no_length) {
  web::response r;
  r.status = 204;
  r.body = "ignored";
  auto res = to_beast_response(r, 11, true);
  EXPECT_EQ(res.result_int(), 204u);
  EXPECT_TRUE(res.body().empty());
  EXPECT_EQ(res.count(http::field::content_length), 0u);
  EXPECT_EQ(res.count(http::field::content_type), 0u);
}

TEST(to_beast_response, odd_statuses_become_500) {
  for (int status : {0, 99, 600, -1, 1000}) {
    web::response r;
    r.status = status;
    EXPECT_EQ(to_beast_response(r, 11, true).result_int(), 500u) << status;
  }
}

TEST(to_beast_response, framing_and_injected_headers_are_left_out) {
  web::response r;
  r.body = "abc";
  r.headers = {{"Content-Length", "99"},
               {"Transfer-Encoding", "chunked"},
               {"Connection", "keep-alive"},
               {"Server", "other"},
               {"X-Evil", "a\r\nSet-Cookie: x=1"},
               {"", "empty name"},
               {"X-Fine", "yes"}};
  auto res = to_beast_response(r, 11, false);
  EXPECT_EQ(res[http::field::content_length], "3");
  EXPECT_EQ(res.count(http::field::transfer_encoding), 0u);
  EXPECT_EQ(res[http::field::connection], "close");
  EXPECT_EQ(res[http::field::server], "roost");
  EXPECT_EQ(res.count("X-Evil"), 0u);
  EXPECT_EQ(res.count(http::field::set_cookie), 0u);
  EXPECT_EQ(res["X-Fine"], "yes");
}

TEST(to_beast_response, head_keeps_a_declared_length_when_the_body_was_left_out) {
  web::response r;
  r.content_type = "text/html";
  r.headers = {{"Content-Length", "1234"}};
  EXPECT_EQ(to_beast_response(r, 11, true, true)[http::field::content_length], "1234");
  // Not for other methods, and a body's own length wins.
  EXPECT_EQ(to_beast_response(r, 11, true, false)[http::field::content_length], "0");
  r.body = "12345";
  EXPECT_EQ(to_beast_response(r, 11, true, true)[http::field::content_length], "5");
  // A declared length that is not a number is ignored.
  web::response bad;
  bad.headers = {{"content-length", "lots"}};
  EXPECT_EQ(to_beast_response(bad, 11, true, true)[http::field::content_length], "0");
}

TEST(error_response, has_the_api_error_shape) {
  auto r = error_response(413, "too_large", "the \"body\" is too large");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, R"({"error":{"code":"too_large","message":"the \"body\" is too large"}})");
}

TEST(choose_subprotocol, prefers_mqtt_then_mqttv3_1) {
  EXPECT_EQ(choose_subprotocol("mqtt"), "mqtt");
  EXPECT_EQ(choose_subprotocol("mqttv3.1"), "mqttv3.1");
  EXPECT_EQ(choose_subprotocol("mqttv3.1, mqtt"), "mqtt");
  EXPECT_EQ(choose_subprotocol(" chat ,\tmqttv3.1 "), "mqttv3.1");
  EXPECT_EQ(choose_subprotocol("chat"), "");
  EXPECT_EQ(choose_subprotocol(""), "");
  EXPECT_EQ(choose_subprotocol("MQTT"), "");  // subprotocol names are case-sensitive
  EXPECT_EQ(choose_subprotocol(",,,"), "");
}

}  // namespace
}  // namespace roost::server
