// `roost bench`'s command line: flags, defaults, checks, and what each scenario opens.

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <string>
#include <vector>

#include "roost/bench/options.hpp"
#include "roost/bench/parse_options.hpp"

namespace roost::bench {
namespace {

// Parses `args` (after `bench`); the options, or the problem in `problem`.
options parse(std::vector<std::string> args, std::string* problem = nullptr) {
  CLI::App cmd{"bench"};
  raw_options raw;
  define_bench_options(cmd, raw);
  std::reverse(args.begin(), args.end());
  cmd.parse(args);
  options o;
  const std::string why = check_bench_options(raw, o);
  if (problem) *problem = why;
  else EXPECT_EQ(why, "");
  return o;
}

std::string problem_of(std::vector<std::string> args) {
  std::string problem;
  parse(std::move(args), &problem);
  return problem;
}

TEST(bench_options, defaults) {
  const options o = parse({"pairs"});
  EXPECT_EQ(o.kind, scenario::pairs);
  EXPECT_EQ(o.host, "127.0.0.1");
  EXPECT_EQ(o.port, 1883);
  EXPECT_EQ(o.version, mqtt::protocol_version::v3_1_1);
  EXPECT_EQ(o.qos, 0);
  EXPECT_EQ(o.size, 64u);
  EXPECT_EQ(o.pairs, 8u);
  EXPECT_EQ(o.rate, 0);
  EXPECT_EQ(o.inflight, 64u);
  EXPECT_EQ(o.window, 256u);
  EXPECT_EQ(o.warmup_s, 2);
  EXPECT_EQ(o.duration_s, 10);
  EXPECT_EQ(o.drain_s, 5);
  EXPECT_EQ(o.topic_prefix, "bench");
  EXPECT_TRUE(o.client_prefix.starts_with("bench-"));
  EXPECT_TRUE(o.clean);
  EXPECT_EQ(o.keepalive_s, 60);
  EXPECT_EQ(o.threads, 1u);
  EXPECT_TRUE(o.sources.empty());
  EXPECT_FALSE(o.pid);
  EXPECT_TRUE(o.progress);
}

TEST(bench_options, short_and_long_flags) {
  const options o = parse({"fanin", "-h", "10.0.0.2", "-p", "1884", "-V", "5", "-q", "2", "-s", "128",
                           "--publishers", "3", "-r", "10000", "-d", "3", "--warmup", "0.5", "--clean", "false",
                           "-u", "me", "--password", "pw", "--threads", "2", "--pid", "42", "--json"});
  EXPECT_EQ(o.kind, scenario::fanin);
  EXPECT_EQ(o.host, "10.0.0.2");
  EXPECT_EQ(o.port, 1884);
  EXPECT_EQ(o.version, mqtt::protocol_version::v5);
  EXPECT_EQ(o.qos, 2);
  EXPECT_EQ(o.size, 128u);
  EXPECT_EQ(o.publishers, 3u);
  EXPECT_EQ(o.rate, 10000);
  EXPECT_EQ(o.duration_s, 3);
  EXPECT_EQ(o.warmup_s, 0.5);
  EXPECT_FALSE(o.clean);
  EXPECT_EQ(o.username, "me");
  EXPECT_EQ(o.password, "pw");
  EXPECT_EQ(o.threads, 2u);
  EXPECT_EQ(o.pid, 42);
  EXPECT_TRUE(o.json_only);
  EXPECT_FALSE(o.progress);
}

TEST(bench_options, protocol_spellings) {
  for (const char* v : {"3.1.1", "311", "4"}) EXPECT_EQ(parse({"pairs", "-V", v}).version, mqtt::protocol_version::v3_1_1);
  for (const char* v : {"5", "5.0"}) EXPECT_EQ(parse({"pairs", "-V", v}).version, mqtt::protocol_version::v5);
  EXPECT_NE(problem_of({"pairs", "-V", "3.1"}), "");
}

TEST(bench_options, problems) {
  EXPECT_NE(problem_of({"pairs", "-s", "15"}), "");
  EXPECT_NE(problem_of({"pairs", "--inflight", "0"}), "");
  EXPECT_NE(problem_of({"pairs", "--inflight", "70000"}), "");
  EXPECT_NE(problem_of({"pairs", "--threads", "0"}), "");
  EXPECT_NE(problem_of({"pairs", "-d", "0"}), "");
  EXPECT_NE(problem_of({"pairs", "--topic", "a/#"}), "");
  EXPECT_NE(problem_of({"pairs", "--source", "127.0.0.9-3"}), "");
  EXPECT_THROW(parse({"nosuch"}), CLI::ValidationError);
  EXPECT_THROW(parse({"pairs", "-q", "3"}), CLI::ValidationError);
}

TEST(bench_options, sources) {
  EXPECT_EQ(parse_sources("127.0.0.1-127.0.0.3"), (std::vector<std::string>{"127.0.0.1", "127.0.0.2", "127.0.0.3"}));
  EXPECT_EQ(parse_sources("127.0.0.5-6"), (std::vector<std::string>{"127.0.0.5", "127.0.0.6"}));
  EXPECT_EQ(parse_sources("10.0.0.1, 10.0.0.9"), (std::vector<std::string>{"10.0.0.1", "10.0.0.9"}));
  EXPECT_FALSE(parse_sources("127.0.0.1-127.0.1.3"));
  EXPECT_FALSE(parse_sources("nonsense"));
  EXPECT_EQ(parse({"pairs", "--source", "127.0.0.1-2"}).sources.size(), 2u);
}

TEST(bench_options, loopback_defaults_keep_5000_connections_per_address) {
  EXPECT_TRUE(default_sources("127.0.0.1", 5'000).empty());
  EXPECT_EQ(default_sources("127.0.0.1", 5'001).size(), 2u);
  EXPECT_EQ(default_sources("localhost", 20'000),
            (std::vector<std::string>{"127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"}));
  EXPECT_TRUE(default_sources("192.168.1.5", 100'000).empty());
  EXPECT_EQ(parse({"conn", "--connections", "60000"}).sources.size(), 12u);
}

TEST(bench_options, scenario_shapes) {
  options o = parse({"fanin", "--publishers", "4"});
  EXPECT_EQ(publisher_count(o), 4u);
  EXPECT_EQ(subscriber_count(o), 1u);
  EXPECT_EQ(heard_by(o, 0).count, 4u);
  EXPECT_EQ(fan_out_of(o, 2), 1u);
  EXPECT_EQ(publish_topic(o, "b/r", 2), "b/r/in/2");
  EXPECT_EQ(subscribe_filter(o, "b/r", 0), "b/r/in/+");

  o = parse({"fanout", "--subscribers", "8"});
  EXPECT_EQ(connection_count(o), 9u);
  EXPECT_EQ(fan_out_of(o, 0), 8u);
  EXPECT_EQ(publish_topic(o, "b/r", 0), "b/r/out");
  EXPECT_EQ(subscribe_filter(o, "b/r", 5), "b/r/out");

  o = parse({"pairs", "--pairs", "3"});
  EXPECT_EQ(connection_count(o), 6u);
  EXPECT_EQ(heard_by(o, 2).first, 2u);
  EXPECT_EQ(heard_by(o, 2).count, 1u);
  EXPECT_EQ(publish_topic(o, "b/r", 2), subscribe_filter(o, "b/r", 2));

  o = parse({"conn", "--connections", "100000"});
  EXPECT_EQ(connection_count(o), 100'000u);
  EXPECT_EQ(descriptors_needed(o), 100'010u);
}

}  // namespace
}  // namespace roost::bench
