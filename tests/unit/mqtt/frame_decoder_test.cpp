// Cutting a stream into frames: any split of the input gives the same frames, the remaining
// length has at most 4 bytes, and an oversized frame is refused before its body arrives.

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

struct owned_frame {
  std::uint8_t first_byte;
  bytes body;
  bool operator==(const owned_frame&) const = default;
};

// Frames decoded so far (copied), plus how the decoder stopped.
struct cut_result {
  std::vector<owned_frame> frames;
  frame_status last = frame_status::need_more;
  std::optional<error> failure;
};

// Feeds `stream` in pieces of `chunk` bytes, draining frames after each feed.
cut_result cut(const bytes& stream, std::size_t chunk, std::size_t max = 1024) {
  frame_decoder d{max};
  cut_result r;
  for (std::size_t at = 0; at < stream.size() && r.last != frame_status::error; at += chunk) {
    d.feed(byte_view{stream}.subspan(at, std::min(chunk, stream.size() - at)));
    frame f;
    while ((r.last = d.next(f)) == frame_status::ready) {
      r.frames.push_back({f.first_byte, bytes(f.body.begin(), f.body.end())});
    }
    if (r.last == frame_status::error) r.failure = d.last_error();
  }
  return r;
}

const bytes three_frames = {
    0x30, 0x05, 0x00, 0x01, 't', 'h', 'i',   // PUBLISH "t" "hi"
    0xc0, 0x00,                              // PINGREQ
    0x82, 0x06, 0x00, 0x07, 0x00, 0x01, 'a', 0x00,  // SUBSCRIBE 7 "a" QoS 0
};

const std::vector<owned_frame> three_frames_cut = {
    {0x30, {0x00, 0x01, 't', 'h', 'i'}},
    {0xc0, {}},
    {0x82, {0x00, 0x07, 0x00, 0x01, 'a', 0x00}},
};

TEST(frame_decoder, cuts_many_frames_from_one_feed) {
  const cut_result r = cut(three_frames, three_frames.size());
  EXPECT_EQ(r.frames, three_frames_cut);
  EXPECT_EQ(r.last, frame_status::need_more);
}

TEST(frame_decoder, cuts_the_same_frames_fed_byte_by_byte) {
  const cut_result r = cut(three_frames, 1);
  EXPECT_EQ(r.frames, three_frames_cut);
  EXPECT_EQ(r.last, frame_status::need_more);
}

TEST(frame_decoder, cuts_the_same_frames_at_every_split_size) {
  for (std::size_t chunk = 1; chunk <= three_frames.size(); ++chunk) {
    EXPECT_EQ(cut(three_frames, chunk).frames, three_frames_cut) << "chunk " << chunk;
  }
}

TEST(frame_decoder, parses_whole_frames_in_place_without_copying) {
  frame_decoder d{1024};
  d.feed(three_frames);
  frame f;
  ASSERT_EQ(d.next(f), frame_status::ready);
  EXPECT_EQ(f.body.data(), three_frames.data() + 2);
  ASSERT_EQ(d.next(f), frame_status::ready);
  ASSERT_EQ(d.next(f), frame_status::ready);
  EXPECT_EQ(f.body.data(), three_frames.data() + 11);
  EXPECT_EQ(d.next(f), frame_status::need_more);
  EXPECT_EQ(d.buffered(), 0u);
}

TEST(frame_decoder, keeps_only_the_unfinished_tail) {
  frame_decoder d{1024};
  d.feed(byte_view{three_frames}.first(12));  // PUBLISH, PINGREQ, 3 bytes of SUBSCRIBE
  frame f;
  ASSERT_EQ(d.next(f), frame_status::ready);
  ASSERT_EQ(d.next(f), frame_status::ready);
  ASSERT_EQ(d.next(f), frame_status::need_more);
  EXPECT_EQ(d.buffered(), 3u);
}

TEST(frame_decoder, tail_survives_the_caller_reusing_its_buffer) {
  frame_decoder d{1024};
  bytes socket_buffer(three_frames.begin(), three_frames.begin() + 12);
  d.feed(socket_buffer);
  frame f;
  while (d.next(f) == frame_status::ready) {
  }
  socket_buffer.assign(three_frames.begin() + 12, three_frames.end());  // the next read
  d.feed(socket_buffer);
  ASSERT_EQ(d.next(f), frame_status::ready);
  EXPECT_EQ(owned_frame({f.first_byte, bytes(f.body.begin(), f.body.end())}), three_frames_cut[2]);
}

TEST(frame_decoder, frames_stay_valid_until_the_next_feed) {
  // Feed 2 completes a buffered frame, holds a whole one, and leaves a new tail: all frames of
  // one feed must still read right after the tail was saved.
  const bytes stream = {
      0x30, 0x04, 0x00, 0x01, 'a', '1',        // PUBLISH "a" "1"
      0x30, 0x04, 0x00, 0x01, 'b', '2',        // PUBLISH "b" "2"
      0x31, 0x05, 0x00, 0x02, 'c', 'c', '3',   // PUBLISH retain "cc" "3"
  };
  frame_decoder d{1024};
  frame f;
  d.feed(byte_view{stream}.first(3));
  ASSERT_EQ(d.next(f), frame_status::need_more);
  d.feed(byte_view{stream}.subspan(3, 14));  // ends 5 bytes into the third frame
  std::vector<frame> held;
  while (d.next(f) == frame_status::ready) held.push_back(f);
  ASSERT_EQ(held.size(), 2u);
  EXPECT_EQ(hex(held[0].body), "00 01 61 31");
  EXPECT_EQ(hex(held[1].body), "00 01 62 32");
  EXPECT_EQ(held[1].body.data(), stream.data() + 8);  // only the unfinished frame was copied
  d.feed(byte_view{stream}.subspan(17));
  ASSERT_EQ(d.next(f), frame_status::ready);
  EXPECT_EQ(hex(f.body), "00 02 63 63 33");
}

TEST(frame_decoder, reads_frames_left_from_an_undrained_feed_first) {
  frame_decoder d{1024};
  frame f;
  d.feed(byte_view{three_frames}.first(9));  // PUBLISH and PINGREQ
  ASSERT_EQ(d.next(f), frame_status::ready);  // PUBLISH only; PINGREQ left unread
  d.feed(byte_view{three_frames}.subspan(9));
  ASSERT_EQ(d.next(f), frame_status::ready);
  EXPECT_EQ(f.first_byte, 0xc0);
  ASSERT_EQ(d.next(f), frame_status::ready);
  EXPECT_EQ(f.first_byte, 0x82);
  EXPECT_EQ(d.next(f), frame_status::need_more);
}

TEST(frame_decoder, buffer_holds_at_most_one_frame_over_a_long_stream) {
  bytes stream;
  for (int i = 0; i < 200; ++i) {
    stream.insert(stream.end(), three_frames.begin(), three_frames.end());
  }
  frame_decoder d{1024};
  std::size_t frames = 0;
  for (std::size_t at = 0; at < stream.size(); at += 5) {
    d.feed(byte_view{stream}.subspan(at, std::min<std::size_t>(5, stream.size() - at)));
    frame f;
    while (d.next(f) == frame_status::ready) ++frames;
    EXPECT_LT(d.buffered(), 9u);  // never more than the largest frame
  }
  EXPECT_EQ(frames, 600u);
  EXPECT_EQ(d.buffered(), 0u);
}

TEST(frame_decoder, accepts_a_frame_of_exactly_the_maximum_size) {
  const bytes wire = {0x30, 0x04, 0x00, 0x01, 't', 'x'};
  const cut_result r = cut(wire, 1, wire.size());
  EXPECT_EQ(r.frames.size(), 1u);
  EXPECT_EQ(r.failure, std::nullopt);
}

TEST(frame_decoder, refuses_oversized_frame_before_its_body_arrives) {
  frame_decoder d{100};
  const bytes header = {0x30, 0xe8, 0x07};  // PUBLISH, remaining length 1000: nothing more sent
  d.feed(header);
  frame f;
  EXPECT_EQ(d.next(f), frame_status::error);
  EXPECT_EQ(d.last_error(), error::packet_too_large);
}

TEST(frame_decoder, refuses_oversized_frame_while_topping_up_the_buffer) {
  frame_decoder d{100};
  frame f;
  const bytes first = {0x30};
  d.feed(first);
  ASSERT_EQ(d.next(f), frame_status::need_more);
  const bytes rest = {0xe8, 0x07, 0x00, 0x01, 't'};  // length 1000, then the start of a body
  d.feed(rest);
  EXPECT_EQ(d.next(f), frame_status::error);
  EXPECT_EQ(d.last_error(), error::packet_too_large);
  EXPECT_LE(d.buffered(), 3u + rest.size());
}

TEST(frame_decoder, counts_the_fixed_header_in_the_maximum) {
  const bytes wire = {0x30, 0x04, 0x00, 0x01, 't', 'x'};  // 6 bytes on the wire, body 4
  EXPECT_EQ(cut(wire, wire.size(), 5).failure, error::packet_too_large);
}

TEST(frame_decoder, reads_the_largest_4_byte_remaining_length_section_2_2_3) {
  frame_decoder d{SIZE_MAX};
  const bytes header = {0x30, 0xff, 0xff, 0xff, 0x7f};  // 268,435,455: the body is not sent
  d.feed(header);
  frame f;
  EXPECT_EQ(d.next(f), frame_status::need_more);

  frame_decoder small{1000};
  small.feed(header);
  EXPECT_EQ(small.next(f), frame_status::error);
  EXPECT_EQ(small.last_error(), error::packet_too_large);
}

TEST(frame_decoder, cuts_a_frame_with_a_4_byte_remaining_length) {
  const std::size_t body_size = 2'097'152;  // the smallest length that needs 4 bytes
  bytes stream = {0x30, 0x80, 0x80, 0x80, 0x01, 0x00, 0x01, 't'};
  stream.resize(5 + body_size, 'p');
  const cut_result r = cut(stream, 4096, stream.size());
  ASSERT_EQ(r.frames.size(), 1u);
  EXPECT_EQ(r.frames[0].body.size(), body_size);
  frame f{0x30, r.frames[0].body};
  EXPECT_EQ(f.wire_size(), stream.size());
}

TEST(frame_decoder, refuses_a_5th_length_byte_section_2_2_3) {
  const bytes header = {0x30, 0x80, 0x80, 0x80, 0x80, 0x01};
  for (const std::size_t chunk : {1u, 6u}) {
    const cut_result r = cut(header, chunk, SIZE_MAX);
    EXPECT_EQ(r.failure, error::malformed_remaining_length) << "chunk " << chunk;
  }
}

TEST(frame_decoder, refuses_a_5th_length_byte_as_soon_as_the_4th_continues) {
  frame_decoder d{SIZE_MAX};
  const bytes header = {0x30, 0x80, 0x80, 0x80, 0x80};
  d.feed(header);
  frame f;
  EXPECT_EQ(d.next(f), frame_status::error);
  EXPECT_EQ(d.last_error(), error::malformed_remaining_length);
}

TEST(frame_decoder, refuses_reserved_packet_type_0_section_2_2_1) {
  const cut_result r = cut({0x00, 0x00}, 1);
  EXPECT_EQ(r.failure, error::reserved_packet_type);
  EXPECT_TRUE(r.frames.empty());
}

TEST(frame_decoder, cuts_packet_type_15_auth_for_the_caller_to_judge) {
  const cut_result r = cut({0xc0, 0x00, 0xf0, 0x00}, 4);
  EXPECT_EQ(r.frames.size(), 2u);  // AUTH is MQTT 5 only: the connection's version decides
  EXPECT_FALSE(r.failure);
}

TEST(frame_decoder, stays_failed_after_an_error) {
  frame_decoder d{1024};
  const bytes bad = {0x00};
  d.feed(bad);
  frame f;
  ASSERT_EQ(d.next(f), frame_status::error);
  const bytes good = {0xc0, 0x00};
  d.feed(good);
  EXPECT_EQ(d.next(f), frame_status::error);
  EXPECT_EQ(d.last_error(), error::reserved_packet_type);
}

TEST(frame_decoder, returns_need_more_when_nothing_was_fed) {
  frame_decoder d{1024};
  frame f;
  EXPECT_EQ(d.next(f), frame_status::need_more);
  d.feed({});
  EXPECT_EQ(d.next(f), frame_status::need_more);
}

TEST(frame, wire_size_counts_the_length_bytes) {
  const bytes body(200, 0);
  EXPECT_EQ((frame{0xc0, {}}).wire_size(), 2u);
  EXPECT_EQ((frame{0x30, byte_view{body}.first(127)}).wire_size(), 129u);
  EXPECT_EQ((frame{0x30, byte_view{body}.first(128)}).wire_size(), 131u);
}

}  // namespace
}  // namespace roost::mqtt
