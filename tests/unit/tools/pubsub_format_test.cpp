// How `roost sub` prints messages: payload only, -v, -N and -F, byte for byte as mosquitto_sub.

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "roost/tools/pubsub/format_message.hpp"

namespace {

using namespace std::chrono;
using roost::tools::format_message;
using roost::tools::output_style;
using roost::tools::received_message;

// 2021-06-11 17:20:54.123456789 UTC.
const system_clock::time_point sent_at =
    system_clock::time_point{duration_cast<system_clock::duration>(seconds{1623432054} + nanoseconds{123456789})};

class Format : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("TZ", "UTC", 1);
    ::tzset();
  }

  std::string print(const output_style& style, std::string_view payload, std::string_view topic = "a/b",
                    std::uint8_t qos = 1, bool retain = false, std::uint16_t id = 7) {
    received_message m{topic,
                       {reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size()},
                       qos, retain, id};
    std::string out = "kept|";  // appends, never clears
    format_message(style, m, sent_at, out);
    EXPECT_EQ(out.substr(0, 5), "kept|");
    return out.substr(5);
  }

  static output_style formatted(std::string f, bool eol = true) {
    output_style s;
    s.format = std::move(f);
    s.eol = eol;
    return s;
  }
};

TEST_F(Format, PayloadOnly) {
  EXPECT_EQ(print({}, "hello"), "hello\n");
  EXPECT_EQ(print({false, false, {}}, "hello"), "hello");
}

TEST_F(Format, EmptyPayloadPrintsNothingByDefault) {
  EXPECT_EQ(print({}, ""), "");
}

TEST_F(Format, Verbose) {
  EXPECT_EQ(print({true, true, {}}, "on"), "a/b on\n");
  EXPECT_EQ(print({true, false, {}}, "on"), "a/b on");
  EXPECT_EQ(print({true, true, {}}, ""), "a/b (null)\n");
  EXPECT_EQ(print({true, false, {}}, ""), "");
}

TEST_F(Format, BinaryPayloadIsWrittenAsIs) {
  const std::string bytes("\x00\xff\n\x01", 4);
  EXPECT_EQ(print({}, bytes), bytes + "\n");
}

TEST_F(Format, MessageFields) {
  EXPECT_EQ(print(formatted("%t|%p|%q|%r|%l|%m|%%"), "xy", "t/1", 2, true, 300),
            "t/1|xy|2|1|2|300|%\n");
  EXPECT_EQ(print(formatted("%x %X"), std::string("\x00\xab\x7f", 3)), "00ab7f 00AB7F\n");
  EXPECT_EQ(print(formatted("%t", false), "p"), "a/b");
}

TEST_F(Format, FormatWinsOverVerbose) {
  output_style s = formatted("%p");
  s.verbose = true;
  EXPECT_EQ(print(s, "p"), "p\n");
}

TEST_F(Format, FormatPrintsEvenAnEmptyPayload) {
  EXPECT_EQ(print(formatted("[%p] %l"), ""), "[] 0\n");
}

TEST_F(Format, Escapes) {
  EXPECT_EQ(print(formatted("a\\tb\\nc\\\\d\\0e\\ef", false), ""),
            std::string("a\tb\nc\\d\0e\033f", 11));
}

TEST_F(Format, UnknownSequencesAreKept) {
  EXPECT_EQ(print(formatted("%k \\q %", false), ""), "%k \\q %");
}

TEST_F(Format, Times) {
  EXPECT_EQ(print(formatted("%I", false), ""), "2021-06-11T17:20:54+0000");
  EXPECT_EQ(print(formatted("%U", false), ""), "1623432054.123456789");
  EXPECT_EQ(print(formatted("@Y-@m-@d @H:@M:@S.@N @@", false), ""),
            "2021-06-11 17:20:54.123456789 @");
}

TEST_F(Format, Json) {
  EXPECT_EQ(print(formatted("%j", false), "say \"hi\"\n", "t", 1, true),
            R"({"tst":"2021-06-11T17:20:54.123456Z+0000","topic":"t","qos":1,"retain":1,)"
            R"("payloadlen":9,"payload":"say \"hi\"\n"})");
}

}  // namespace
