#pragma once
// The stream plumbing both clients share (private to the SDK): the tx bytes, the connection life
// cycle, why and when the stream is to close, and the keep-alive timer. Each client's state
// derives from it and adds its protocol; the client's session calls forward here.
//
//   close_now            close at once (an error); output() stops
//   close_after_flush    close once the pending output is written (stop)
//   stopping             stop() asked for this close: the disconnected event carries no error
//
// It never does I/O and never emits events: the client reports what the stream did.

#include <cstddef>
#include <cstdint>
#include <span>

#include "link_state.hpp"
#include "out_buffer.hpp"
#include "roost/sdk/mqtt_client.hpp"  // client_error
#include "roost/sdk/port.hpp"

namespace roost::sdk::detail {

struct stream_core {
  stream_core(std::span<std::uint8_t> tx, std::uint32_t reconnect_min_ms,
              std::uint32_t reconnect_max_ms, bool auto_reconnect, std::uint32_t seed);

  out_buffer out;
  link_state link;
  bool close_now = false;
  bool close_after_flush = false;
  bool stopping = false;
  client_error close_reason = client_error::none;  // reported by closed(); none = the peer closed
  millis last_sent = 0;      // the last time bytes were written (keep-alive idles from here)
  millis ping_sent_at = 0;
  bool ping_outstanding = false;

  // start(): the link starts (the first open is wanted at once) and a previous stop is forgotten.
  void start(millis now);
  // stop(): the link stops; returns true when a stream is open and must still be closed (then
  // `stopping` is set and the caller picks close_now or close_after_flush).
  bool stop(millis now);
  // The stream opened at `now`: closing flags, tx and the keep-alive timer start over.
  void opened(millis now);
  // Asks for the stream to close at once; closed() will report `e`.
  void close_with(client_error e);
  // Closing was asked (at once or after the flush): nothing new should be written.
  bool closing() const { return close_now || close_after_flush; }

  // session::output(): the pending tx bytes, none once close_now is set.
  std::span<const std::uint8_t> output() const;
  // session::on_sent(): n bytes were written (at the last seen time).
  void sent(std::size_t n);
  // session::wants_close(): open and either close_now or close_after_flush with tx drained.
  bool wants_close() const;
  // session::on_closed() (the common part): the link backs off, tx is dropped, the flags reset.
  // Returns the error the disconnected event reports: none after stop(), else the close reason
  // (client_error::closed when the peer closed).
  client_error closed(millis now);

  // Keep-alive: what on_tick should do at `now`, given the idle period after which a ping goes
  // out and the time a ping's reply may take.
  enum class keepalive { wait, ping, timed_out };
  keepalive keepalive_step(millis now, millis period, millis reply_timeout) const;
  // The ping was written into tx at `now`.
  void ping_sent(millis now);
  // When keep-alive needs on_tick next: the reply deadline of an outstanding ping, else the end of
  // the idle period (never while output waits: writing it restarts the period).
  millis keepalive_deadline(millis period, millis reply_timeout) const;
};

}  // namespace roost::sdk::detail
