#pragma once
// A port for tests, without heap: a manual clock, and a transport with a tiny MQTT broker behind it
// that answers in memory. The broker acknowledges CONNECT, SUBSCRIBE, UNSUBSCRIBE, PUBLISH (PUBACK
// or PUBREC), PUBREL and PINGREQ, and echoes every PUBLISH back to the client, as a broker does
// for a client subscribed to its own topic.

#include <array>
#include <cstdint>
#include <cstring>
#include <span>

#include "roost/sdk/port.hpp"

namespace roost::sdk::test {

class manual_clock final : public clock_port {
 public:
  millis now_ms() override { return t; }
  std::uint32_t random32() override { return r = r * 1103515245u + 12345u; }
  void sleep_ms(std::uint32_t ms) override { t += ms; }

  millis t = 1000;
  std::uint32_t r = 1;
};

class echo_broker_transport final : public transport_port {
 public:
  explicit echo_broker_transport(manual_clock& clock) : _clock(clock) {}

  int open(const char*, std::uint16_t, std::uint32_t) override {
    close();
    ++opens;
    if (refuse_opens) return io_failed;
    _open = true;
    _in_len = _out_len = 0;
    return 0;
  }
  int write(std::span<const std::uint8_t> data) override {
    if (!_open) return io_closed;
    const std::size_t n = data.size() < _in.size() - _in_len ? data.size() : _in.size() - _in_len;
    std::memcpy(_in.data() + _in_len, data.data(), n);
    _in_len += n;
    process();
    return static_cast<int>(n);
  }
  int read(std::span<std::uint8_t> data, std::uint32_t timeout_ms) override {
    if (!_open) return io_closed;
    if (drop) {
      drop = false;
      _open = false;
      return io_closed;
    }
    if (_out_len == 0) {
      _clock.t += timeout_ms;  // nothing comes: the wait passes
      return 0;
    }
    const std::size_t n = data.size() < _out_len ? data.size() : _out_len;
    std::memcpy(data.data(), _out.data(), n);
    std::memmove(_out.data(), _out.data() + n, _out_len - n);
    _out_len -= n;
    return static_cast<int>(n);
  }
  void close() override { _open = false; }

  bool is_open() const { return _open; }

  int opens = 0;
  bool refuse_opens = false;
  bool drop = false;          // the next read reports the peer closed
  bool ack_publishes = true;  // false: PUBLISH gets no PUBACK/PUBREC (the outbox keeps it)
  bool session_present = false;
  int publishes = 0;      // PUBLISH frames received
  int dup_publishes = 0;  // of which with DUP
  int pubrels = 0;        // PUBREL frames received
  int subscribes = 0;
  int pings = 0;

 private:
  void reply(std::initializer_list<std::uint8_t> bytes) { reply_raw(bytes.begin(), bytes.size()); }
  void reply_raw(const std::uint8_t* p, std::size_t n) {
    if (n > _out.size() - _out_len) return;
    std::memcpy(_out.data() + _out_len, p, n);
    _out_len += n;
  }

  // Handles every whole frame in _in.
  void process() {
    for (;;) {
      std::size_t length = 0, shift = 0, i = 1;
      for (;; ++i) {
        if (i >= _in_len) return;
        length |= static_cast<std::size_t>(_in[i] & 0x7F) << shift;
        shift += 7;
        if ((_in[i] & 0x80) == 0) break;
      }
      const std::size_t header = i + 1, total = header + length;
      if (total > _in_len) return;
      handle(_in[0], _in.data() + header, length, total);
      std::memmove(_in.data(), _in.data() + total, _in_len - total);
      _in_len -= total;
    }
  }

  void handle(std::uint8_t first, const std::uint8_t* body, std::size_t length, std::size_t total) {
    const std::uint8_t id_hi = length >= 2 ? body[0] : 0, id_lo = length >= 2 ? body[1] : 0;
    switch (first >> 4) {
      case 1: reply({0x20, 0x02, static_cast<std::uint8_t>(session_present ? 1 : 0), 0x00}); break;
      case 3: {
        ++publishes;
        if ((first & 0x08) != 0) ++dup_publishes;
        const std::uint8_t qos = (first >> 1) & 3;
        const std::size_t topic_end = 2 + static_cast<std::size_t>(body[0] << 8 | body[1]);
        if (qos > 0 && ack_publishes) {
          reply({static_cast<std::uint8_t>(qos == 1 ? 0x40 : 0x50), 0x02, body[topic_end],
                 body[topic_end + 1]});
        }
        // The echo, without DUP, as a separate delivery.
        const std::uint8_t echo_first = static_cast<std::uint8_t>(first & ~0x08);
        reply_raw(&echo_first, 1);
        reply_raw(_in.data() + 1, total - 1);
        break;
      }
      case 5: reply({0x62, 0x02, id_hi, id_lo}); break;  // their PUBREC of our echo
      case 6:
        ++pubrels;
        reply({0x70, 0x02, id_hi, id_lo});
        break;
      case 8: {
        ++subscribes;
        std::array<std::uint8_t, 16> ack{0x90, 0x02, id_hi, id_lo};
        std::size_t n = 4;
        for (std::size_t at = 2; at + 2 < length && n < ack.size();) {
          at += 2 + static_cast<std::size_t>(body[at] << 8 | body[at + 1]);
          ack[n++] = body[at++];
        }
        ack[1] = static_cast<std::uint8_t>(n - 2);
        reply_raw(ack.data(), n);
        break;
      }
      case 10: reply({0xB0, 0x02, id_hi, id_lo}); break;
      case 12:
        ++pings;
        reply({0xD0, 0x00});
        break;
      case 14: _open = false; break;
      default: break;  // PUBACK, PUBCOMP of our echoes
    }
  }

  manual_clock& _clock;
  bool _open = false;
  std::array<std::uint8_t, 8192> _in{};
  std::size_t _in_len = 0;
  std::array<std::uint8_t, 8192> _out{};
  std::size_t _out_len = 0;
};

}  // namespace roost::sdk::test
