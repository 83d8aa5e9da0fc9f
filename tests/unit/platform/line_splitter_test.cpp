#include "roost/platform/line_splitter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace roost::platform;
using status = line_splitter::status;

namespace {

// Every line of `chunks`, fed one after the other; "!too_long" marks the error.
std::vector<std::string> lines_of(const std::vector<std::string>& chunks, std::size_t max_line = 16) {
  line_splitter s(max_line);
  std::vector<std::string> out;
  for (const auto& chunk : chunks) {
    s.feed(chunk);
    for (auto n = s.next(); n.what != status::need_more; n = s.next()) {
      if (n.what == status::too_long) {
        out.push_back("!too_long");
        return out;
      }
      out.emplace_back(n.line);
    }
  }
  return out;
}

std::vector<std::string> byte_by_byte(const std::string& stream, std::size_t max_line = 16) {
  std::vector<std::string> chunks;
  for (char ch : stream) chunks.emplace_back(1, ch);
  return lines_of(chunks, max_line);
}

using lines = std::vector<std::string>;

}  // namespace

TEST(line_splitter, crlf_and_bare_lf_end_a_line) {
  EXPECT_EQ(lines_of({"cmd=0\r\ncmd=1\ncmd=2\r\n"}), (lines{"cmd=0", "cmd=1", "cmd=2"}));
}

TEST(line_splitter, no_terminator_yet_is_need_more_and_kept) {
  line_splitter s(16);
  s.feed("cmd=0&msg=ke");
  EXPECT_EQ(s.next().what, status::need_more);
  EXPECT_EQ(s.buffered(), 12u);
  s.feed("ep\r");
  EXPECT_EQ(s.next().what, status::need_more);
  s.feed("\ncmd=1\r\n");
  auto first = s.next();
  ASSERT_EQ(first.what, status::line);
  EXPECT_EQ(first.line, "cmd=0&msg=keep");
  auto second = s.next();
  ASSERT_EQ(second.what, status::line);
  EXPECT_EQ(second.line, "cmd=1");
  EXPECT_EQ(first.line, "cmd=0&msg=keep") << "the carried line stays valid until the next feed";
  EXPECT_EQ(s.next().what, status::need_more);
  EXPECT_EQ(s.buffered(), 0u);
}

TEST(line_splitter, byte_by_byte_gives_the_same_lines_as_one_feed) {
  const std::string stream = "cmd=0\r\n\r\ncmd=2&msg=a\rb\ncmd=9\r\r\nx";
  const lines expected{"cmd=0", "", "cmd=2&msg=a\rb", "cmd=9\r"};
  EXPECT_EQ(lines_of({stream}), expected);
  EXPECT_EQ(byte_by_byte(stream), expected);
}

TEST(line_splitter, lone_cr_is_part_of_the_line) {
  EXPECT_EQ(lines_of({"a\rb\r\n\r\r\n"}), (lines{"a\rb", "\r"}));
}

TEST(line_splitter, empty_lines_are_lines) { EXPECT_EQ(lines_of({"\r\n\n"}), (lines{"", ""})); }

TEST(line_splitter, a_line_of_exactly_max_bytes_is_accepted) {
  const std::string max(16, 'a');
  EXPECT_EQ(lines_of({max + "\r\n"}), (lines{max}));
  EXPECT_EQ(lines_of({max + "\n"}), (lines{max}));
  EXPECT_EQ(byte_by_byte(max + "\r\n"), (lines{max}));
}

TEST(line_splitter, a_longer_line_is_an_error_in_one_feed) {
  EXPECT_EQ(lines_of({"ok\r\n" + std::string(17, 'a') + "\r\nnext\r\n"}), (lines{"ok", "!too_long"}));
}

TEST(line_splitter, a_longer_line_is_an_error_byte_by_byte) {
  EXPECT_EQ(byte_by_byte(std::string(17, 'a') + "\r\n"), (lines{"!too_long"}));
  EXPECT_EQ(byte_by_byte(std::string(40, 'a')), (lines{"!too_long"})) << "found before the terminator";
}

TEST(line_splitter, never_buffers_more_than_max_plus_one) {
  line_splitter s(16);
  const std::string seventeen(17, 'a');  // fed bytes must outlive the next() calls
  s.feed(seventeen);
  EXPECT_EQ(s.next().what, status::need_more);
  EXPECT_EQ(s.buffered(), 17u) << "the 17th byte may still be the '\\r' of \"\\r\\n\"";
  s.feed("b");
  EXPECT_EQ(s.next().what, status::too_long);
  EXPECT_EQ(s.buffered(), 0u);
}

TEST(line_splitter, the_error_stays) {
  line_splitter s(4);
  s.feed("abcdef\r\n");
  EXPECT_EQ(s.next().what, status::too_long);
  s.feed("ok\r\n");
  EXPECT_EQ(s.next().what, status::too_long);
}

TEST(line_splitter, binary_bytes_pass_through) {
  const std::string bin("\x00\xff\x01", 3);
  EXPECT_EQ(lines_of({bin + "\n"}), (lines{bin}));
}
