// The command words of the LED controller (examples/esp32-ledctrl/main/parse_command.hpp).

#include "parse_command.hpp"

#include <gtest/gtest.h>

using roost::ledctrl::command;
using roost::ledctrl::parse_command;

namespace {

TEST(parse_command_test, on_and_off) {
  EXPECT_EQ(parse_command("on"), command::on);
  EXPECT_EQ(parse_command("off"), command::off);
}

TEST(parse_command_test, ascii_case_is_ignored) {
  for (const char* word : {"ON", "On", "oN"}) EXPECT_EQ(parse_command(word), command::on) << word;
  for (const char* word : {"OFF", "Off", "oFf"}) EXPECT_EQ(parse_command(word), command::off) << word;
}

TEST(parse_command_test, surrounding_whitespace_is_ignored) {
  EXPECT_EQ(parse_command("on\r\n"), command::on);
  EXPECT_EQ(parse_command("\n off \t"), command::off);
  EXPECT_EQ(parse_command("  on"), command::on);
}

TEST(parse_command_test, anything_else_is_unknown) {
  for (const char* payload : {"", " ", "o", "o n", "onn", "on#50", "on#50#255", "of", "offf",
                              "toggle", "1", "0", "led on", "\"on\""}) {
    EXPECT_EQ(parse_command(payload), command::unknown) << '"' << payload << '"';
  }
}

TEST(parse_command_test, an_embedded_nul_is_not_whitespace) {
  EXPECT_EQ(parse_command(std::string_view{"on\0", 3}), command::unknown);
}

}  // namespace
