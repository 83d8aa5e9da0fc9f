#pragma once
// line_session: one TCP line-protocol connection, Sans-I/O. The transport hands it bytes and the
// time; it hands back the bytes to write and says when to close. Tenants, topics, values and
// delivery live behind the line_cloud port.
//
//   transport                                 line_session                    line_cloud
//   ─────────                                 ────────────                    ──────────
//   read ── on_bytes(bytes, now, wall) ─────▶ lines, commands ─────────────▶ authenticate, subscribe,
//                                                                            publish, latest
//   write ◀── pending() / consume(n) ──────── replies and pushes
//   (a publish elsewhere)                     ◀── deliver(uid, topic, msg) ── (the cloud)
//   every second ── expired(now)? ──────────▶ silent for more than keepalive
//   should_close()? ─ close the socket, then on_closed() ────────────────────▶ closed(id)
//
// Not thread-safe: calls for one session must not overlap, and deliver() is one of them.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "roost/base/clock.hpp"
#include "roost/platform/line_codec.hpp"
#include "roost/platform/line_splitter.hpp"

namespace roost::platform {

using line_session_id = std::uint64_t;

// What a line session needs from the rest of the cloud. Implementations must be thread-safe:
// sessions on several I/O threads call them. They may call deliver() on any session, including
// the caller, before returning.
class line_cloud {
 public:
  virtual ~line_cloud() = default;

  // Is `uid` the private key of a tenant?
  virtual bool authenticate(std::string_view uid) = 0;

  // Adds `topic` (a bare name, or "name/app") to the session's subscriptions; later publishes
  // come back through deliver(). False: refused (unknown topic, no room left).
  virtual bool subscribe(line_session_id session, std::string_view uid, std::string_view topic) = 0;

  // A publish of `msg` to `topic`: "X" goes to every subscriber of X, "X/set" to every
  // subscriber but `session`, "X/up" to nobody; all three make `msg` the latest value of X.
  // False: refused.
  virtual bool publish(line_session_id session, std::string_view uid, std::string_view topic,
                       std::string_view msg) = 0;

  // The latest value of the bare topic, if there is one.
  virtual std::optional<std::string> latest(std::string_view uid, std::string_view topic) = 0;

  // The session is gone: drop its subscriptions. Called once.
  virtual void closed(line_session_id session) = 0;
};

struct line_settings {
  std::size_t max_line = 4096;                       // bytes of one line, without "\r\n"
  duration keepalive = seconds(65);                  // silence longer than this ends the session
  std::chrono::seconds utc_offset = std::chrono::hours(8);  // cmd=7 local time (Beijing)
  std::size_t max_pending = 256 * 1024;              // pushes are dropped while this much is unsent
};

class line_session {
 public:
  // `cloud` must outlive the session.
  line_session(line_session_id id, line_cloud& cloud, line_settings settings, time_point now);
  ~line_session();
  line_session(const line_session&) = delete;
  line_session& operator=(const line_session&) = delete;

  // Bytes read from the socket. Any bytes count as a heartbeat. Each complete line is answered
  // in order; `wall` is the calendar time for cmd=7. Does nothing once should_close().
  void on_bytes(std::string_view bytes, time_point now, std::chrono::sys_seconds wall);

  // A message for this session's subscription: appends the cmd=2 push, unless more than
  // max_pending bytes wait to be written (then the push is dropped and counted).
  void deliver(std::string_view uid, std::string_view topic, std::string_view msg);

  // Bytes to write, in order; consume(n) once n of them are written. Replies are never dropped,
  // so the transport should stop reading while much output is pending.
  std::string_view pending() const { return _out; }
  void consume(std::size_t n);

  // Nothing was received for longer than the keepalive.
  bool expired(time_point now) const { return now - _last_heard > _settings.keepalive; }

  // A line was longer than max_line: write what is pending, then close.
  bool should_close() const { return _should_close; }

  // The socket is closed: tells the cloud (once; the destructor does it if nobody did).
  void on_closed();

  line_session_id id() const { return _id; }
  std::uint64_t dropped() const { return _dropped; }

 private:
  void handle(std::string_view line, std::chrono::sys_seconds wall);
  void handle_command(const line_command& c, std::chrono::sys_seconds wall);
  bool subscribe_all(const line_command& c);
  void send_latest(const line_command& c);

  line_session_id _id;
  line_cloud& _cloud;
  line_settings _settings;
  line_splitter _splitter;
  std::string _out;
  time_point _last_heard;
  std::uint64_t _dropped = 0;
  bool _should_close = false;
  bool _closed = false;
};

}  // namespace roost::platform
