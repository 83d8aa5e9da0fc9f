// The SDK's building blocks: backoff, record_store, out_buffer.

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "backoff.hpp"
#include "out_buffer.hpp"
#include "record_store.hpp"

namespace roost::sdk::detail {
namespace {

TEST(backoff, stays_within_half_and_whole_of_a_doubling_ceiling) {
  backoff b{100, 1000, 1};
  const std::uint32_t ceilings[] = {100, 200, 400, 800, 1000, 1000};
  for (int round = 0; round < 50; ++round) {
    b.reset();
    for (std::uint32_t c : ceilings) {
      const std::uint32_t w = b.next_wait();
      EXPECT_GE(w, c / 2);
      EXPECT_LE(w, c);
    }
  }
}

TEST(backoff, a_huge_maximum_does_not_overflow) {
  backoff b{1000, 0xFFFFFFFFu, 3};
  std::uint32_t last = 0;
  for (int i = 0; i < 40; ++i) last = b.next_wait();
  EXPECT_GE(last, 0xFFFFFFFFu / 2);
}

TEST(record_store, appends_iterates_in_order_and_erases) {
  std::array<std::uint8_t, 64> mem{};
  record_store s{mem};
  const std::uint8_t payload[] = {1, 2, 3};
  ASSERT_TRUE(s.append({1, 0x05, 7, "ab", payload}));
  ASSERT_TRUE(s.append({2, 0, 0, "c", {}}));
  ASSERT_TRUE(s.append({3, 0, 9, "", {}}));
  EXPECT_FALSE(s.append({4, 0, 0, std::string(40, 'x'), {}}));  // does not fit: unchanged
  EXPECT_EQ(s.count([](const record&) { return true; }), 3u);
  record r = s.at(s.begin());
  EXPECT_EQ(r.kind, 1);
  EXPECT_EQ(r.flags, 0x05);
  EXPECT_EQ(r.packet_id, 7);
  EXPECT_EQ(r.topic, "ab");
  EXPECT_EQ(r.payload.size(), 3u);
  EXPECT_EQ(r.payload[2], 3);
  s.erase_if([](const record& x) { return x.kind == 2; });
  EXPECT_EQ(s.at(s.next(s.begin())).kind, 3);
  s.set_flags(s.begin(), 0x40);
  s.set_packet_id(s.begin(), 65535);
  EXPECT_EQ(s.at(s.begin()).flags, 0x40);
  EXPECT_EQ(s.at(s.begin()).packet_id, 65535);
  EXPECT_EQ(s.free_bytes(), 64u - record_store::footprint(2, 3) - record_store::footprint(0, 0));
}

TEST(record_store, erase_returns_the_next_record_and_append_reuses_the_freed_room) {
  std::array<std::uint8_t, 64> mem{};
  record_store s{mem};
  for (std::uint8_t k = 1; k <= 4; ++k) ASSERT_TRUE(s.append({k, 0, k, "t", {}}));  // 11 bytes each
  // The second of four: the record before it is the shorter side.
  std::size_t at = s.erase(s.next(s.begin()));
  EXPECT_EQ(s.at(at).kind, 3);
  // The last one: nothing follows it.
  at = s.erase(s.next(at));
  EXPECT_EQ(at, s.end());
  std::vector<int> kinds;
  for (at = s.begin(); at != s.end(); at = s.next(at)) kinds.push_back(s.at(at).kind);
  EXPECT_EQ(kinds, (std::vector<int>{1, 3}));
  // 42 free bytes, 11 before the records and 31 after them: a 32-byte record fits once they are
  // gathered.
  EXPECT_EQ(s.free_bytes(), 64u - 2 * record_store::footprint(1, 0));
  const std::uint8_t payload[21] = {};
  ASSERT_TRUE(s.append({5, 0, 5, "u", payload}));
  kinds.clear();
  for (at = s.begin(); at != s.end(); at = s.next(at)) kinds.push_back(s.at(at).kind);
  EXPECT_EQ(kinds, (std::vector<int>{1, 3, 5}));
  EXPECT_EQ(s.at(s.next(s.next(s.begin()))).topic, "u");
  s.erase_if([](const record&) { return true; });
  EXPECT_EQ(s.begin(), s.end());
  EXPECT_EQ(s.free_bytes(), 64u);
}

TEST(out_buffer, compacts_to_make_room) {
  std::array<std::uint8_t, 8> mem{};
  out_buffer b{mem};
  ASSERT_TRUE(b.append({"abcdef"}));
  EXPECT_FALSE(b.append({"xyz"}));
  b.consume(4);
  ASSERT_TRUE(b.append({"xy", "z"}));
  auto p = b.pending();
  EXPECT_EQ(std::string(p.begin(), p.end()), "efxyz");
  b.consume(5);
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.space().size(), 8u);
}

}  // namespace
}  // namespace roost::sdk::detail
