// The MQTT codec (roost::mqtt) on the paths a broker runs per message: cutting a stream of
// PUBLISH frames into frames, typing a PUBLISH, encoding a PUBLISH (whole, into a caller's buffer,
// and the header the broker writes in front of a shared payload), and decoding CONNECT and
// SUBSCRIBE. Every benchmark reports bytes/s (wire bytes) and items/s (packets).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "roost/mqtt/decode.hpp"
#include "roost/mqtt/encode.hpp"
#include "roost/mqtt/encode_into.hpp"
#include "roost/mqtt/frame_decoder.hpp"

namespace {

using namespace roost::mqtt;

constexpr std::size_t max_packet = 1 << 20;
constexpr std::size_t read_size = 64 * 1024;  // what one socket read hands the decoder
constexpr auto v311 = protocol_version::v3_1_1;
constexpr std::string_view publish_topic = "device/4711/temperature";

bytes payload_of(std::size_t size) { return bytes(size, 0x5a); }

publish publish_of(const bytes& payload, std::uint8_t qos) {
  return publish{false, qos, false, publish_topic, static_cast<std::uint16_t>(qos ? 42 : 0), payload};
}

// The first frame of `wire`, which must hold a complete one. The frame points into `wire`.
frame first_frame(const bytes& wire) {
  frame_decoder d{max_packet};
  d.feed(wire);
  frame f;
  if (d.next(f) != frame_status::ready) throw std::runtime_error{"no complete frame"};
  return f;
}

// Times `decode` of the one frame in `wire`, counting its bytes and packets.
template <class Decode>
void time_decode(benchmark::State& state, const bytes& wire, Decode decode) {
  const frame f = first_frame(wire);
  for (auto _ : state) {
    auto p = decode(f);
    benchmark::DoNotOptimize(p);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * wire.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// Arg 0: payload bytes. A 1 MiB stream of QoS 1 PUBLISH frames fed in 64 KiB reads, as a broker
// reads a busy publisher's socket; every frame is cut and typed with decode_publish.
void BM_decode_publish_stream(benchmark::State& state) {
  const bytes payload = payload_of(static_cast<std::size_t>(state.range(0)));
  bytes stream;
  std::size_t frames = 0;
  while (stream.size() < (1u << 20)) {
    encode(publish_of(payload, 1), stream);
    ++frames;
  }
  for (auto _ : state) {
    frame_decoder d{max_packet};
    std::size_t seen = 0;
    for (std::size_t at = 0; at < stream.size(); at += read_size) {
      const std::size_t n = std::min(read_size, stream.size() - at);
      d.feed(byte_view{stream.data() + at, n});
      frame f;
      while (d.next(f) == frame_status::ready) {
        auto p = decode_publish(f, v311);
        benchmark::DoNotOptimize(p);
        ++seen;
      }
    }
    if (seen != frames) state.SkipWithError("frames lost in the stream");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * stream.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * frames));
}
BENCHMARK(BM_decode_publish_stream)->Arg(64)->Arg(1024);

// Arg 0: payload bytes. Typing one QoS 1 PUBLISH frame (topic check included), no framing.
void BM_decode_publish(benchmark::State& state) {
  const bytes payload = payload_of(static_cast<std::size_t>(state.range(0)));
  bytes wire;
  encode(publish_of(payload, 1), wire);
  time_decode(state, wire, [](const frame& f) { return decode_publish(f, v311); });
}
BENCHMARK(BM_decode_publish)->Arg(64)->Arg(1024);

// Arg 0: payload bytes. encode(publish) appending to a vector whose capacity is reused.
void BM_encode_publish(benchmark::State& state) {
  const bytes payload = payload_of(static_cast<std::size_t>(state.range(0)));
  const publish p = publish_of(payload, 1);
  bytes out;
  for (auto _ : state) {
    out.clear();
    encode(p, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * out.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_encode_publish)->Arg(64)->Arg(1024);

// Arg 0: payload bytes. encode_into(publish) into a fixed buffer, the allocation-free encoder.
void BM_encode_into_publish(benchmark::State& state) {
  const bytes payload = payload_of(static_cast<std::size_t>(state.range(0)));
  const publish p = publish_of(payload, 1);
  std::vector<std::uint8_t> buf(encoded_size(p));
  std::size_t n = 0;
  for (auto _ : state) {
    n = encode_into(p, buf);
    benchmark::DoNotOptimize(buf.data());
  }
  if (n != buf.size()) state.SkipWithError("encode_into did not fit");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * n));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_encode_into_publish)->Arg(64)->Arg(1024);

// The header the broker writes per subscriber in front of a shared payload (bytes/s counts the
// header only).
void BM_encode_publish_header(benchmark::State& state) {
  bytes out;
  for (auto _ : state) {
    out.clear();
    auto at = encode_publish_header(publish_topic, 1, false, false, 42, 64, out);
    benchmark::DoNotOptimize(at);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * out.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_encode_publish_header);

// A CONNECT as devices send it: client id, user name, password, keep-alive, a will.
void BM_decode_connect(benchmark::State& state) {
  connect c;
  c.client_id = "bench-device-000042";
  c.keep_alive = 60;
  c.username = "tenant-a";
  c.password = bytes{'s', 'e', 'c', 'r', 'e', 't', '-', 'p', 'a', 's', 's'};
  c.will = will_message{"device/000042/status", bytes{'o', 'f', 'f'}, 1, true};
  bytes wire;
  encode(c, wire);
  time_decode(state, wire, [](const frame& f) { return decode_connect(f); });
}
BENCHMARK(BM_decode_connect);

// Arg 0: filters in one SUBSCRIBE (wildcards included).
void BM_decode_subscribe(benchmark::State& state) {
  subscribe s{7, {}};
  for (std::int64_t i = 0; i < state.range(0); ++i) {
    const std::string id = std::to_string(1000 + i);
    s.entries.push_back({i % 3 == 0   ? "device/" + id + "/#"
                         : i % 3 == 1 ? "device/+/" + id
                                      : "device/" + id + "/temperature",
                         static_cast<std::uint8_t>(i % 3)});
  }
  bytes wire;
  encode(s, wire);
  time_decode(state, wire, [](const frame& f) { return decode_subscribe(f, v311); });
}
BENCHMARK(BM_decode_subscribe)->Arg(1)->Arg(10);

}  // namespace
