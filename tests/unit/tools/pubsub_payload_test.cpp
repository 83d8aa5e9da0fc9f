// Payload sources of `roost pub`: -f and -s byte for byte, -l line splitting as mosquitto_pub.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "roost/tools/pubsub/read_payload.hpp"
#include "support/temp_dir.hpp"

namespace {

using roost::tools::line_splitter;
using roost::tools::read_available;
using roost::tools::read_state;

std::vector<std::string> all_lines(line_splitter& s) {
  std::vector<std::string> out;
  while (auto line = s.next()) out.push_back(*line);
  return out;
}

TEST(ReadFile, BinaryBytesExactly) {
  roost::test::temp_dir dir;
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  bytes += std::string(200000, '\0');  // more than one read
  const auto path = dir.write("blob", bytes);
  auto content = roost::tools::read_file(path.string());
  ASSERT_TRUE(content) << content.error();
  EXPECT_EQ(*content, bytes);
}

TEST(ReadFile, EmptyFile) {
  roost::test::temp_dir dir;
  auto content = roost::tools::read_file(dir.write("empty", "").string());
  ASSERT_TRUE(content);
  EXPECT_EQ(*content, "");
}

TEST(ReadFile, MissingFileNamesItAndTheReason) {
  roost::test::temp_dir dir;
  const auto path = (dir / "missing").string();
  auto content = roost::tools::read_file(path);
  ASSERT_FALSE(content);
  EXPECT_EQ(content.error(), path + ": No such file or directory");
}

TEST(ReadAll, PipeUntilEndOfFile) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::string bytes("a\0b\r\n", 5);
  ASSERT_EQ(::write(fds[1], bytes.data(), bytes.size()), 5);
  ::close(fds[1]);
  auto content = roost::tools::read_all(fds[0]);
  ::close(fds[0]);
  ASSERT_TRUE(content);
  EXPECT_EQ(*content, bytes);
}

TEST(LineSplitter, LinesAcrossFeeds) {
  line_splitter s;
  s.feed("one\ntw");
  EXPECT_EQ(all_lines(s), std::vector<std::string>{"one"});
  s.feed("o\n\nthree\r\nfo");
  EXPECT_EQ(all_lines(s), (std::vector<std::string>{"two", "", "three\r"}));
  s.feed("ur");
  EXPECT_TRUE(all_lines(s).empty());
  EXPECT_EQ(s.finish(), "four");
  EXPECT_FALSE(s.finish());
}

TEST(LineSplitter, NoTrailingEmptyLine) {
  line_splitter s;
  s.feed("a\nb\n");
  EXPECT_EQ(all_lines(s), (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(s.finish());
}

TEST(LineSplitter, ManyFeedsKeepEveryByte) {
  line_splitter s;
  std::vector<std::string> got;
  for (int i = 0; i < 5000; ++i) {
    s.feed(std::to_string(i));
    s.feed("\n");
    for (auto& l : all_lines(s)) got.push_back(l);
  }
  ASSERT_EQ(got.size(), 5000u);
  EXPECT_EQ(got.front(), "0");
  EXPECT_EQ(got.back(), "4999");
}

TEST(ReadAvailable, NothingDataEnd) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  line_splitter s;
  EXPECT_EQ(read_available(fds[0], 0, s), read_state::nothing);
  ASSERT_EQ(::write(fds[1], "x\ny", 3), 3);
  EXPECT_EQ(read_available(fds[0], 0, s), read_state::data);
  EXPECT_EQ(s.next(), "x");
  ::close(fds[1]);
  EXPECT_EQ(read_available(fds[0], 1000, s), read_state::end);
  EXPECT_EQ(s.finish(), "y");
  ::close(fds[0]);
}

}  // namespace
