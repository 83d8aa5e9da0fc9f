// The frame decoder fed in random-size chunks, against the same input fed at once.
//
// Properties:
//  - any split of the stream yields the same frames and the same final status and error;
//  - frames of one feed stay readable until the next feed, even after the tail was copied
//    (they are checked only after next() returned need_more);
//  - the decoder never reads a chunk after the next feed(): each chunk lives in its own heap
//    buffer, freed before the next one is fed, so AddressSanitizer sees any stale view;
//  - a caller that stops calling next() early and feeds again loses nothing;
//  - every frame decodes (MQTT 3.1.1 and 3.1) to a packet that re-encodes and decodes the same.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "round_trip.hpp"

namespace {

using namespace roost::mqtt;

struct owned_frame {
  std::uint8_t first_byte;
  bytes body;
  bool operator==(const owned_frame&) const = default;
};

struct cut_result {
  std::vector<owned_frame> frames;
  frame_status last = frame_status::need_more;
  std::optional<error> failure;
};

// A small deterministic generator, seeded from the input, for chunk sizes.
struct split_mix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

std::uint64_t fnv1a(const std::uint8_t* data, std::size_t size) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (std::size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 0x100000001b3ull;
  return h;
}

// Takes up to `limit` frames (then the rest waits for the next feed), checking them afterwards.
void drain(frame_decoder& d, cut_result& r, bool check_packets, std::size_t limit = SIZE_MAX) {
  std::vector<frame> held;
  frame f;
  while (held.size() < limit && (r.last = d.next(f)) == frame_status::ready) held.push_back(f);
  if (r.last == frame_status::error) r.failure = d.last_error();
  for (const frame& h : held) {  // still valid: no feed() since they were cut
    r.frames.push_back({h.first_byte, bytes(h.body.begin(), h.body.end())});
    if (check_packets) {
      fuzz::decode_and_round_trip(h, protocol_version::v3_1_1);
      fuzz::decode_and_round_trip(h, protocol_version::v3_1);
      fuzz::decode_and_round_trip(h, protocol_version::v5);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  split_mix rng{fnv1a(data, size)};
  const std::size_t max = 8 + rng.next() % 2048;

  cut_result whole;
  {
    frame_decoder d{max};
    d.feed(byte_view{data, size});
    drain(d, whole, true);
  }

  cut_result pieces;
  frame_decoder d{max};
  std::optional<std::vector<std::uint8_t>> undrained;  // a chunk fed but not read to its end
  std::size_t at = 0;
  while (at < size && pieces.last != frame_status::error) {
    const std::uint64_t roll = rng.next();
    // Mostly tiny chunks (split headers), sometimes large ones (many frames per feed).
    const std::size_t want = roll % 4 == 0 ? 1 + roll % 512 : 1 + roll % 8;
    const std::size_t n = std::min(want, size - at);
    std::vector<std::uint8_t> chunk(data + at, data + at + n);
    d.feed(chunk);
    undrained.reset();  // the decoder had until this feed() to copy what it still needed
    if ((roll >> 16) % 4 != 0) {
      drain(d, pieces, false);
      fuzz::check(pieces.last == frame_status::error || d.buffered() < max);
    } else {
      drain(d, pieces, false, (roll >> 20) % 3);
      undrained = std::move(chunk);  // keeps its buffer alive until the next feed()
    }
    at += n;
  }  // each chunk is freed here, unless left undrained: a stale view is a use after free
  if (pieces.last != frame_status::error) {
    d.feed({});
    undrained.reset();
    drain(d, pieces, false);
  }

  fuzz::check(pieces.frames == whole.frames);
  fuzz::check(pieces.last == whole.last);
  fuzz::check(pieces.failure == whole.failure);
  return 0;
}
