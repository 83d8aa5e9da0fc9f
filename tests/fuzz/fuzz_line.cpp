// The TCP line protocol: arbitrary bytes into a line_session over the in-memory cloud.
//
// Input layout: [max_line byte][chunking byte][stream]. The stream goes to one session in chunks
// whose sizes follow the chunking byte; a second session subscribed to a few topics receives the
// pushes. Properties:
//  - a splitter fed the stream at once and one fed the same chunks give the same lines and the
//    same error, and neither holds more than max_line + 1 bytes;
//  - every line parse_line accepts, written again in the usual key order, parses to the same
//    command, and its views lie inside the line;
//  - both sessions only ever write whole lines: every '\r' is followed by '\n' and every '\n'
//    follows '\r'.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../unit/platform/line_fake_cloud.hpp"
#include "roost/platform/line_codec.hpp"
#include "roost/platform/line_session.hpp"
#include "roost/platform/line_splitter.hpp"

namespace {

using namespace roost;
using namespace roost::platform;

void check(bool property) {
  if (!property) __builtin_trap();
}

// Chunk sizes 1..16 from a small linear congruential sequence seeded by one input byte.
std::vector<std::string_view> chunks_of(std::string_view stream, std::uint8_t seed) {
  std::vector<std::string_view> chunks;
  std::uint32_t state = seed;
  while (!stream.empty()) {
    state = state * 1103515245u + 12345u;
    const std::size_t n = std::min<std::size_t>(stream.size(), 1 + ((state >> 16) & 15));
    chunks.push_back(stream.substr(0, n));
    stream.remove_prefix(n);
  }
  return chunks;
}

// Lines (copied) and whether the splitter ended in an error.
struct split_outcome {
  std::vector<std::string> lines;
  bool too_long = false;
};

split_outcome split(const std::vector<std::string_view>& chunks, std::size_t max_line) {
  line_splitter s(max_line);
  split_outcome out;
  for (std::string_view chunk : chunks) {
    s.feed(chunk);
    for (auto n = s.next(); n.what != line_splitter::status::need_more; n = s.next()) {
      check(s.buffered() <= max_line + 1);
      if (n.what == line_splitter::status::too_long) {
        out.too_long = true;
        return out;
      }
      check(n.line.size() <= max_line);
      out.lines.emplace_back(n.line);
    }
    check(s.buffered() <= max_line + 1);
  }
  return out;
}

bool inside(std::string_view part, std::string_view whole) {
  return part.empty() || (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

// The command written back in the usual order: cmd, uid, topic or type, msg last.
std::string canonical(const line_command& c) {
  std::string line = "cmd=" + std::to_string(static_cast<int>(c.cmd));
  if (c.cmd == line_cmd::heartbeat) return line;
  line += "&uid=";
  line += c.uid;
  if (c.cmd == line_cmd::time) return line + "&type=" + std::to_string(c.time_type);
  line += "&topic=";
  for (std::size_t i = 0; i < c.topic_count; ++i) {
    if (i != 0) line += ',';
    line += c.topics()[i];
  }
  if (c.has_msg) {
    line += "&msg=";
    line += c.msg;
  }
  return line;
}

void check_round_trip(std::string_view line) {
  const auto first = parse_line(line);
  if (!first) return;
  check(inside(first->uid, line) && inside(first->msg, line));
  for (std::string_view t : first->topics()) check(inside(t, line));
  const std::string again_text = canonical(*first);
  const auto again = parse_line(again_text);
  check(again.has_value());
  check(again->cmd == first->cmd);
  if (first->cmd == line_cmd::heartbeat) return;
  check(again->uid == first->uid && again->time_type == first->time_type);
  check(again->topic_count == first->topic_count);
  for (std::size_t i = 0; i < first->topic_count; ++i) check(again->topics()[i] == first->topics()[i]);
  if (first->cmd == line_cmd::publish) check(again->has_msg && again->msg == first->msg);
}

void check_whole_lines(std::string_view out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r') check(i + 1 < out.size() && out[i + 1] == '\n');
    if (out[i] == '\n') check(i > 0 && out[i - 1] == '\r');
  }
  check(out.empty() || out.ends_with("\r\n"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t max_line = 1 + std::size_t{data[0]} * 4;
  const std::string_view stream(reinterpret_cast<const char*>(data + 2), size - 2);
  const auto chunks = chunks_of(stream, data[1]);

  const split_outcome whole = split({stream}, max_line);
  const split_outcome pieces = split(chunks, max_line);
  check(whole.lines == pieces.lines && whole.too_long == pieces.too_long);
  for (const auto& line : whole.lines) check_round_trip(line);

  fakes::fake_line_cloud cloud;
  line_settings settings;
  settings.max_line = max_line;
  settings.max_pending = 512;
  time_point now{};
  const std::chrono::sys_seconds wall{std::chrono::seconds{1623403254}};
  line_session device(1, cloud, settings, now);
  line_session listener(2, cloud, settings, now);
  cloud.attach(device);
  cloud.attach(listener);
  listener.on_bytes("cmd=1&uid=U&topic=a,led002,temp004\r\n", now, wall);

  std::string device_written;  // the device's output is written half at a time
  for (std::string_view chunk : chunks) {
    now += std::chrono::seconds(chunk.size());
    device.on_bytes(chunk, now, wall);
    const std::size_t half = device.pending().size() / 2;
    device_written.append(device.pending().substr(0, half));
    device.consume(half);
    check_whole_lines(listener.pending());
    listener.consume(listener.pending().size());
    (void)device.expired(now);
  }
  device_written.append(device.pending());
  check_whole_lines(device_written);
  check(device.should_close() == whole.too_long);
  return 0;
}
