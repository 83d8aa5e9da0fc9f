// The -L URL: mqtt://[username[:password]@]host[:port]/topic.

#include <gtest/gtest.h>

#include "roost/tools/pubsub/parse_url.hpp"

namespace {

using roost::tools::parse_mqtt_url;

TEST(MqttUrl, HostAndTopic) {
  auto u = parse_mqtt_url("mqtt://broker/a/b/c");
  ASSERT_TRUE(u) << u.error();
  EXPECT_EQ(u->host, "broker");
  EXPECT_EQ(u->port, 1883);
  EXPECT_EQ(u->topic, "a/b/c");
  EXPECT_FALSE(u->username);
  EXPECT_FALSE(u->password);
}

TEST(MqttUrl, EveryPart) {
  auto u = parse_mqtt_url("mqtt://alice:s3cr:et@10.0.0.7:1884/home/+/temp");
  ASSERT_TRUE(u) << u.error();
  EXPECT_EQ(u->username, "alice");
  EXPECT_EQ(u->password, "s3cr:et");
  EXPECT_EQ(u->host, "10.0.0.7");
  EXPECT_EQ(u->port, 1884);
  EXPECT_EQ(u->topic, "home/+/temp");
}

TEST(MqttUrl, UserWithoutPasswordAndAtSignInPassword) {
  auto u = parse_mqtt_url("mqtt://bob@h/t");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->username, "bob");
  EXPECT_FALSE(u->password);
  auto v = parse_mqtt_url("mqtt://bob:p@ss@h/t");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->username, "bob");
  EXPECT_EQ(v->password, "p@ss");
  EXPECT_EQ(v->host, "h");
}

TEST(MqttUrl, TopicMayHoldAtSignsAndColons) {
  auto u = parse_mqtt_url("mqtt://h:1/a@b:c");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "h");
  EXPECT_EQ(u->port, 1);
  EXPECT_EQ(u->topic, "a@b:c");
}

TEST(MqttUrl, BracketedIpv6) {
  auto u = parse_mqtt_url("mqtt://[::1]:2000/x");
  ASSERT_TRUE(u) << u.error();
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, 2000);
  auto v = parse_mqtt_url("mqtt://[fe80::1]/x");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->host, "fe80::1");
  EXPECT_EQ(v->port, 1883);
}

TEST(MqttUrl, SchemeIsCaseInsensitive) { EXPECT_TRUE(parse_mqtt_url("MQTT://h/t")); }

TEST(MqttUrl, Refusals) {
  EXPECT_EQ(parse_mqtt_url("mqtts://h/t").error(), "mqtts:// URLs are not supported (no TLS)");
  EXPECT_EQ(parse_mqtt_url("http://h/t").error(), "the URL must start with mqtt://");
  EXPECT_EQ(parse_mqtt_url("mqtt://h").error(), "the URL has no topic (mqtt://host/topic)");
  EXPECT_EQ(parse_mqtt_url("mqtt:///t").error(), "the URL has no host");
  EXPECT_EQ(parse_mqtt_url("mqtt://u@/t").error(), "the URL has no host");
  EXPECT_EQ(parse_mqtt_url("mqtt://h:/t").error(), "empty port in the URL");
  EXPECT_EQ(parse_mqtt_url("mqtt://h:0/t").error(), "invalid port '0' in the URL");
  EXPECT_EQ(parse_mqtt_url("mqtt://h:65536/t").error(), "invalid port '65536' in the URL");
  EXPECT_EQ(parse_mqtt_url("mqtt://h:12x/t").error(), "invalid port '12x' in the URL");
  EXPECT_EQ(parse_mqtt_url("mqtt://[::1/t").error(), "unclosed '[' in the URL's host");
  EXPECT_EQ(parse_mqtt_url("mqtt://[::1]x/t").error(), "unexpected text after the URL's host");
}

}  // namespace
