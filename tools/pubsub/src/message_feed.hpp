#pragma once
// The messages `roost pub` sends, one at a time: one payload repeated (-m, -f, -s, -n with
// --repeat and --repeat-delay) or the lines of stdin (-l).

#include <cstdint>
#include <string>

#include "roost/sdk/port.hpp"
#include "roost/tools/pubsub/read_payload.hpp"

namespace roost::tools {

class message_feed {
 public:
  virtual ~message_feed() = default;
  // The next payload when one is due at `now`, else nullptr. Stays the same until taken().
  virtual const std::string* peek(sdk::millis now) = 0;
  // The payload from peek() was accepted by the client.
  virtual void taken(sdk::millis now) = 0;
  // True when every message was taken (or the source failed).
  virtual bool exhausted() const = 0;
  // How long the run loop may wait on the network before asking again.
  virtual std::uint32_t wait_ms(sdk::millis now) const = 0;
  // Why the source failed (a read error), or empty.
  virtual std::string failure() const { return {}; }
};

// One payload, `count` times, `delay_ms` apart.
class repeated_message final : public message_feed {
 public:
  repeated_message(std::string payload, int count, sdk::millis delay_ms);
  const std::string* peek(sdk::millis now) override;
  void taken(sdk::millis now) override;
  bool exhausted() const override { return _left == 0; }
  std::uint32_t wait_ms(sdk::millis now) const override;

 private:
  std::string _payload;
  int _left;
  sdk::millis _delay_ms;
  sdk::millis _next_at = 0;
};

// The lines of a descriptor (stdin), read without blocking the run loop.
class line_messages final : public message_feed {
 public:
  explicit line_messages(int fd) : _fd(fd) {}
  const std::string* peek(sdk::millis now) override;
  void taken(sdk::millis now) override;
  bool exhausted() const override { return !_line && (_ended || !_failure.empty()); }
  std::uint32_t wait_ms(sdk::millis now) const override;
  std::string failure() const override { return _failure; }

 private:
  int _fd;
  line_splitter _lines;
  std::optional<std::string> _line;
  bool _ended = false;
  std::string _failure;
};

}  // namespace roost::tools
