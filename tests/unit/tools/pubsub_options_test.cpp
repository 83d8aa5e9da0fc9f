// Options of `roost pub` / `roost sub`: flag names and defaults as mosquitto's, and the checks.

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "roost/tools/pubsub/options.hpp"

namespace {

using roost::tools::payload_source;
using roost::tools::pub_options;
using roost::tools::sub_options;

constexpr int pid = 4242;

template <class Options, class Define>
Options parse(Define define, std::vector<std::string> args) {
  Options o;
  CLI::App app;
  define(app, o);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  app.parse(reversed);
  return o;
}

pub_options parse_pub(std::vector<std::string> args) {
  return parse<pub_options>(roost::tools::define_pub_options, std::move(args));
}
sub_options parse_sub(std::vector<std::string> args) {
  return parse<sub_options>(roost::tools::define_sub_options, std::move(args));
}

std::string pub_problem(std::vector<std::string> args) {
  auto o = parse_pub(std::move(args));
  return roost::tools::check_pub_options(o, pid).value_or("");
}
std::string sub_problem(std::vector<std::string> args) {
  auto o = parse_sub(std::move(args));
  return roost::tools::check_sub_options(o, pid).value_or("");
}

TEST(PubOptions, DefaultsAreMosquittos) {
  auto o = parse_pub({"-t", "a/b", "-m", "hi"});
  ASSERT_FALSE(roost::tools::check_pub_options(o, pid));
  EXPECT_EQ(o.conn.host, "localhost");
  EXPECT_EQ(o.conn.port, 1883);
  EXPECT_EQ(o.conn.keepalive, 60);
  EXPECT_EQ(o.conn.qos, 0);
  EXPECT_EQ(o.conn.protocol_level, 4);
  EXPECT_TRUE(o.conn.clean_session);
  EXPECT_EQ(o.conn.client_id, "roost-pub-4242");
  EXPECT_EQ(o.source, payload_source::message);
  EXPECT_EQ(*o.message, "hi");
  EXPECT_FALSE(o.retain);
}

TEST(PubOptions, LowercaseHIsTheHostNotHelp) {
  auto o = parse_pub({"-h", "broker.example", "-p", "1884", "-t", "a", "-n"});
  EXPECT_EQ(o.conn.host, "broker.example");
  EXPECT_EQ(o.conn.port, 1884);
  EXPECT_THROW(parse_pub({"--help"}), CLI::CallForHelp);
}

TEST(PubOptions, EveryConnectFlag) {
  auto o = parse_pub({"-i", "me", "-u", "alice", "-P", "secret", "-k", "5", "-q", "2", "-V",
                      "mqttv31", "-c", "-d", "--quiet", "--will-topic", "w", "--will-payload",
                      "gone", "--will-qos", "1", "--will-retain", "-t", "a", "-m", "x", "-r"});
  ASSERT_FALSE(roost::tools::check_pub_options(o, pid));
  EXPECT_EQ(o.conn.client_id, "me");
  EXPECT_EQ(o.conn.username, "alice");
  EXPECT_EQ(o.conn.password, "secret");
  EXPECT_EQ(o.conn.keepalive, 5);
  EXPECT_EQ(o.conn.qos, 2);
  EXPECT_EQ(o.conn.protocol_level, 3);
  EXPECT_FALSE(o.conn.clean_session);
  EXPECT_TRUE(o.conn.debug);
  EXPECT_TRUE(o.conn.quiet);
  EXPECT_EQ(o.conn.will_topic, "w");
  EXPECT_EQ(o.conn.will_payload, "gone");
  EXPECT_EQ(o.conn.will_qos, 1);
  EXPECT_TRUE(o.conn.will_retain);
  EXPECT_TRUE(o.retain);
}

TEST(PubOptions, ProtocolVersionSpellings) {
  for (const char* v : {"mqttv311", "311"}) {
    auto o = parse_pub({"-V", v, "-t", "a", "-n"});
    ASSERT_FALSE(roost::tools::check_pub_options(o, pid)) << v;
    EXPECT_EQ(o.conn.protocol_level, 4) << v;
  }
  for (const char* v : {"mqttv31", "31"}) {
    auto o = parse_pub({"-V", v, "-t", "a", "-n"});
    ASSERT_FALSE(roost::tools::check_pub_options(o, pid)) << v;
    EXPECT_EQ(o.conn.protocol_level, 3) << v;
  }
  EXPECT_NE(pub_problem({"-V", "mqttv5", "-t", "a", "-n"}).find("MQTT 5"), std::string::npos);
  EXPECT_NE(pub_problem({"-V", "4", "-t", "a", "-n"}).find("Unknown protocol version"),
            std::string::npos);
}

TEST(PubOptions, ClientIdFromPrefixAndPid) {
  auto o = parse_pub({"-I", "dev-", "-t", "a", "-n"});
  ASSERT_FALSE(roost::tools::check_pub_options(o, pid));
  EXPECT_EQ(o.conn.client_id, "dev-4242");
  EXPECT_EQ(pub_problem({"-I", "x", "-i", "y", "-t", "a", "-n"}), "-i and -I cannot be used together");
}

TEST(PubOptions, PersistentSessionNeedsAnId) {
  EXPECT_EQ(pub_problem({"-c", "-t", "a", "-n"}),
            "You must provide a client id if you are using the -c option");
  EXPECT_EQ(pub_problem({"-c", "-i", "keep", "-t", "a", "-n"}), "");
  EXPECT_EQ(pub_problem({"-c", "-I", "keep-", "-t", "a", "-n"}), "");
}

TEST(PubOptions, ExactlyOnePayloadSource) {
  EXPECT_EQ(pub_problem({"-t", "a"}), "No message given: use one of -m, -f, -s, -l or -n");
  EXPECT_EQ(pub_problem({"-t", "a", "-m", "x", "-n"}),
            "Only one of -m, -f, -s, -l and -n can be used at once");
  EXPECT_EQ(pub_problem({"-t", "a", "-s", "-l"}),
            "Only one of -m, -f, -s, -l and -n can be used at once");
  struct {
    std::vector<std::string> flags;
    payload_source want;
  } cases[] = {{{"-m", ""}, payload_source::message},
               {{"-f", "/etc/hostname"}, payload_source::file},
               {{"-s"}, payload_source::stdin_whole},
               {{"-l"}, payload_source::stdin_lines},
               {{"-n"}, payload_source::null_message}};
  for (auto& c : cases) {
    std::vector<std::string> args{"-t", "a"};
    args.insert(args.end(), c.flags.begin(), c.flags.end());
    auto o = parse_pub(args);
    ASSERT_FALSE(roost::tools::check_pub_options(o, pid)) << c.flags[0];
    EXPECT_EQ(o.source, c.want) << c.flags[0];
  }
}

TEST(PubOptions, EmptyMessageIsAMessage) {
  auto o = parse_pub({"-t", "a", "-m", ""});
  ASSERT_FALSE(roost::tools::check_pub_options(o, pid));
  ASSERT_TRUE(o.message);
  EXPECT_EQ(*o.message, "");
}

TEST(PubOptions, ValuesStartingWithADashAreAttached) {
  auto o = parse_pub({"-t", "a", "-m-5"});
  EXPECT_EQ(o.message, "-5");
  auto p = parse_pub({"-t", "a", "--message=-x y"});
  EXPECT_EQ(p.message, "-x y");
}

TEST(PubOptions, TopicChecks) {
  EXPECT_EQ(pub_problem({"-m", "x"}), "No topic given: use -t or -L");
  EXPECT_EQ(pub_problem({"-t", "a/+", "-m", "x"}),
            "Invalid publish topic 'a/+', does it contain '+' or '#'?");
  EXPECT_EQ(pub_problem({"-t", "a/#", "-m", "x"}),
            "Invalid publish topic 'a/#', does it contain '+' or '#'?");
}

TEST(PubOptions, RepeatAndDelay) {
  auto o = parse_pub({"-t", "a", "-m", "x", "--repeat", "3", "--repeat-delay", "0.5"});
  ASSERT_FALSE(roost::tools::check_pub_options(o, pid));
  EXPECT_EQ(o.repeat, 3);
  EXPECT_DOUBLE_EQ(o.repeat_delay_s, 0.5);
  EXPECT_EQ(pub_problem({"-t", "a", "-l", "--repeat", "2"}), "--repeat cannot be used with -l");
  EXPECT_EQ(parse_pub({"-t", "a", "-n"}).max_inflight, 20);
  EXPECT_EQ(parse_pub({"-t", "a", "-n", "-M", "100"}).max_inflight, 100);
  EXPECT_THROW(parse_pub({"-t", "a", "-n", "-M", "0"}), CLI::ValidationError);
  EXPECT_THROW(parse_pub({"-t", "a", "-m", "x", "--repeat", "0"}), CLI::ValidationError);
}

TEST(PubOptions, RangesAreChecked) {
  EXPECT_THROW(parse_pub({"-q", "3"}), CLI::ValidationError);
  EXPECT_THROW(parse_pub({"-p", "0"}), CLI::ValidationError);
  EXPECT_THROW(parse_pub({"-p", "65536"}), CLI::ValidationError);
  EXPECT_THROW(parse_pub({"-k", "-1"}), CLI::ParseError);
  EXPECT_THROW(parse_pub({"--will-qos", "3"}), CLI::ValidationError);
}

TEST(PubOptions, WillChecks) {
  EXPECT_EQ(pub_problem({"-t", "a", "-n", "--will-payload", "x"}),
            "Will payload given, but no will topic given");
  EXPECT_EQ(pub_problem({"-t", "a", "-n", "--will-retain"}),
            "Will retain given, but no will topic given");
  EXPECT_EQ(pub_problem({"-t", "a", "-n", "--will-topic", "w/+"}),
            "Invalid will topic 'w/+', does it contain '+' or '#'?");
}

TEST(PubOptions, UrlSetsHostPortCredentialsAndTopic) {
  auto o = parse_pub({"-L", "mqtt://bob:pw@example.org:1999/room/lamp", "-m", "on"});
  ASSERT_FALSE(roost::tools::check_pub_options(o, pid));
  EXPECT_EQ(o.conn.host, "example.org");
  EXPECT_EQ(o.conn.port, 1999);
  EXPECT_EQ(o.conn.username, "bob");
  EXPECT_EQ(o.conn.password, "pw");
  EXPECT_EQ(o.topic, "room/lamp");
  EXPECT_EQ(pub_problem({"-L", "mqtt://h/t", "-t", "x", "-m", "on"}),
            "-t cannot be used with -L: the URL names the topic");
  EXPECT_EQ(pub_problem({"-L", "mqtts://h/t", "-m", "on"}),
            "Invalid URL for -L: mqtts:// URLs are not supported (no TLS)");
}

TEST(PubOptions, PasswordWithoutUserIsAWarning) {
  auto o = parse_pub({"-t", "a", "-n", "-P", "pw"});
  ASSERT_FALSE(roost::tools::check_pub_options(o, pid));
  const auto warnings = roost::tools::option_warnings(o.conn);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "Warning: Not using password since username not set.");
  EXPECT_TRUE(roost::tools::option_warnings(parse_pub({"-u", "a", "-P", "b"}).conn).empty());
}

TEST(PubOptions, UnknownFlagsAndExtraArgumentsAreRefused) {
  EXPECT_THROW(parse_pub({"--no-such-flag"}), CLI::ParseError);
  EXPECT_THROW(parse_pub({"-t", "a", "-m", "x", "stray"}), CLI::ParseError);
}

TEST(SubOptions, Defaults) {
  auto o = parse_sub({"-t", "a/#"});
  ASSERT_FALSE(roost::tools::check_sub_options(o, pid));
  EXPECT_EQ(o.conn.client_id, "roost-sub-4242");
  EXPECT_EQ(o.topics, std::vector<std::string>{"a/#"});
  EXPECT_FALSE(o.verbose);
  EXPECT_EQ(o.count, 0);
  EXPECT_EQ(o.timeout_s, 0);
}

TEST(SubOptions, RepeatableTopicsAndFilters) {
  auto o = parse_sub({"-t", "a/#", "-t", "b", "-T", "a/secret/#", "-T", "a/+/x", "-v", "-C", "5",
                      "-W", "9", "-R", "-N", "-E", "-F", "%t %p"});
  ASSERT_FALSE(roost::tools::check_sub_options(o, pid));
  EXPECT_EQ(o.topics, (std::vector<std::string>{"a/#", "b"}));
  EXPECT_EQ(o.filter_out, (std::vector<std::string>{"a/secret/#", "a/+/x"}));
  EXPECT_TRUE(o.verbose);
  EXPECT_EQ(o.count, 5);
  EXPECT_EQ(o.timeout_s, 9);
  EXPECT_TRUE(o.no_retained);
  EXPECT_TRUE(o.no_eol);
  EXPECT_TRUE(o.exit_when_subscribed);
  EXPECT_EQ(o.format, "%t %p");
}

TEST(SubOptions, OneValuePerTopicFlag) {
  EXPECT_THROW(parse_sub({"-t", "a", "b"}), CLI::ParseError);
}

TEST(SubOptions, Checks) {
  EXPECT_EQ(sub_problem({}), "No topic given: use -t or -L");
  EXPECT_EQ(sub_problem({"-t", "a/#/b"}),
            "Invalid subscription topic 'a/#/b', are all '+' and '#' wildcards correct?");
  EXPECT_EQ(sub_problem({"-t", "a", "-T", "x+"}),
            "Invalid filter topic 'x+', are all '+' and '#' wildcards correct?");
  EXPECT_EQ(sub_problem({"-t", "a", "-R", "--retained-only"}),
            "-R and --retained-only cannot be used together");
  EXPECT_THROW(parse_sub({"-t", "a", "-C", "0"}), CLI::ValidationError);
  EXPECT_THROW(parse_sub({"-t", "a", "-W", "0"}), CLI::ValidationError);
}

TEST(SubOptions, UrlTopicComesFirstAndMoreMayFollow) {
  auto o = parse_sub({"-L", "mqtt://127.0.0.1:1885/x/#", "-t", "y"});
  ASSERT_FALSE(roost::tools::check_sub_options(o, pid));
  EXPECT_EQ(o.conn.host, "127.0.0.1");
  EXPECT_EQ(o.conn.port, 1885);
  EXPECT_EQ(o.topics, (std::vector<std::string>{"x/#", "y"}));
  auto only_host = parse_sub({"-L", "mqtt://h/", "-t", "y"});
  ASSERT_FALSE(roost::tools::check_sub_options(only_host, pid));
  EXPECT_EQ(only_host.topics, std::vector<std::string>{"y"});
}

}  // namespace
