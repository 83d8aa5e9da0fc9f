// The stream plumbing both clients share (see stream_core.hpp).

#include "stream_core.hpp"

namespace roost::sdk::detail {

namespace {
constexpr millis never = ~millis{0};
}

stream_core::stream_core(std::span<std::uint8_t> tx, std::uint32_t reconnect_min_ms,
                         std::uint32_t reconnect_max_ms, bool auto_reconnect, std::uint32_t seed)
    : out(tx), link(reconnect_min_ms, reconnect_max_ms, auto_reconnect, seed) {}

void stream_core::start(millis now) {
  stopping = false;
  link.start(now);
}

bool stream_core::stop(millis now) {
  link.seen(now);
  link.stop();
  if (!link.is_open()) return false;
  stopping = true;
  return true;
}

void stream_core::opened(millis now) {
  link.opened(now);
  close_now = close_after_flush = stopping = false;
  close_reason = client_error::none;
  last_sent = now;
  ping_outstanding = false;
  out.clear();
}

void stream_core::close_with(client_error e) {
  close_now = true;
  close_reason = e;
}

std::span<const std::uint8_t> stream_core::output() const {
  return close_now ? std::span<const std::uint8_t>{} : out.pending();
}

void stream_core::sent(std::size_t n) {
  out.consume(n);
  if (n != 0) last_sent = link.now();
}

bool stream_core::wants_close() const {
  return link.is_open() && (close_now || (close_after_flush && out.empty()));
}

client_error stream_core::closed(millis now) {
  const client_error reported =
      stopping ? client_error::none
               : (close_reason != client_error::none ? close_reason : client_error::closed);
  link.failed(now);
  out.clear();
  ping_outstanding = false;
  close_now = close_after_flush = stopping = false;
  close_reason = client_error::none;
  return reported;
}

stream_core::keepalive stream_core::keepalive_step(millis now, millis period,
                                                   millis reply_timeout) const {
  if (ping_outstanding) return now >= ping_sent_at + reply_timeout ? keepalive::timed_out
                                                                   : keepalive::wait;
  return now >= last_sent + period ? keepalive::ping : keepalive::wait;
}

void stream_core::ping_sent(millis now) {
  ping_outstanding = true;
  ping_sent_at = now;
}

millis stream_core::keepalive_deadline(millis period, millis reply_timeout) const {
  if (ping_outstanding) return ping_sent_at + reply_timeout;
  return out.empty() ? last_sent + period : never;
}

}  // namespace roost::sdk::detail
