// line_client: the line protocol over the same building blocks as mqtt_client (stream_core for
// tx, reconnects and the heartbeat, record_store for subscriptions and the offline queue).
//
// Store records: subscription (topic = the topics as given, flags = with_latest | send),
// publish (topic, payload = msg), fetch (topic), time (flags = type). All but subscriptions leave
// the store once written; unsent ones are the offline queue.

#include "roost/sdk/line_client.hpp"

#include <algorithm>
#include <new>

#include "line_reply.hpp"
#include "record_store.hpp"
#include "stream_core.hpp"

namespace roost::sdk {
namespace {

namespace line_rec {
enum kind : std::uint8_t { subscription = 1, publish = 2, fetch = 3, time = 4 };
inline constexpr std::uint8_t with_latest = 0x01;
inline constexpr std::uint8_t send = 0x02;
}  // namespace line_rec

std::span<const std::uint8_t> as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

bool has_line_break(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

// A topic (or comma-separated list) that cannot break the line's key=value structure.
bool valid_topics(std::string_view s) {
  return !s.empty() && s.find_first_of("&\r\n= ") == std::string_view::npos;
}

// The reconnect jitter seed: the uid, the configured seed and the client's address mixed.
std::uint32_t seed_for(const line_config& c, const void* self) {
  const auto address = reinterpret_cast<std::uintptr_t>(self);
  return detail::hash32(c.uid.data(), c.uid.size(),
                        c.jitter_seed ^ static_cast<std::uint32_t>(address));
}

}  // namespace

// The stream (tx, link, closing, heartbeat timer) is the shared stream_core; the rest is the line
// protocol's.
struct line_client::state : detail::stream_core {
  state(const line_config& config, client_memory memory, line_handler& h, line_client& owner)
      : stream_core(memory.tx, config.reconnect_min_ms, config.reconnect_max_ms, true,
                    seed_for(config, &owner)),
        cfg(config),
        handler(h),
        self(owner),
        lines(memory.rx),
        store(memory.store) {}

  line_config cfg;
  line_handler& handler;
  line_client& self;
  detail::line_assembler lines;
  detail::record_store store;

  bool is_connected = false;
  // Command records (everything but subscriptions) in the store, kept in step with it so that
  // queuing a command does not scan the store to count them.
  std::size_t queued = 0;

  void emit(const line_event& e) { handler.on_event(self, e); }

  void fail(client_error e) {
    line_event ev;
    ev.id = line_event_id::error;
    ev.error = e;
    emit(ev);
    close_with(e);
  }

  // The wire line of a record; false when tx has no room for it now.
  bool send(const detail::record& r) {
    const std::string_view uid = cfg.uid;
    switch (r.kind) {
      case line_rec::subscription:
        return out.append({(r.flags & line_rec::with_latest) != 0 ? "cmd=3&uid=" : "cmd=1&uid=", uid,
                           "&topic=", r.topic, "\r\n"});
      case line_rec::publish:
        return out.append({"cmd=2&uid=",
                           uid,
                           "&topic=",
                           r.topic,
                           "&msg=",
                           {reinterpret_cast<const char*>(r.payload.data()), r.payload.size()},
                           "\r\n"});
      case line_rec::fetch: return out.append({"cmd=9&uid=", uid, "&topic=", r.topic, "\r\n"});
      default: {
        const char type[2] = {static_cast<char>('0' + r.flags), 0};
        return out.append({"cmd=7&uid=", uid, "&type=", std::string_view{type, 1}, "\r\n"});
      }
    }
  }

  // Writes subscriptions to send and queued commands, in order, until tx is full.
  void pump() {
    if (!is_connected || closing()) return;
    for (std::size_t at = store.begin(); at != store.end();) {
      const detail::record r = store.at(at);
      if (r.kind == line_rec::subscription && (r.flags & line_rec::send) == 0) {
        at = store.next(at);
        continue;
      }
      if (!send(r)) return;
      if (r.kind == line_rec::subscription) {
        store.set_flags(at, static_cast<std::uint8_t>(r.flags & ~line_rec::send));
        at = store.next(at);
      } else {
        at = store.erase(at);
        --queued;
      }
    }
  }

  // Queues a command record, after the checks every command shares.
  result<bool, client_error> enqueue(const detail::record& r, std::size_t line_size) {
    if (line_size > out.capacity()) return fail_result(client_error::too_large);
    if (queued >= cfg.offline_queue_max) return fail_result(client_error::queue_full);
    if (!store.append(r)) return fail_result(client_error::queue_full);
    // With commands waiting ahead of this one, it cannot go before them: whatever frees them (the
    // open, on_sent) pumps. Skipping the scan keeps bulk sending linear.
    if (++queued == 1) pump();
    return true;
  }

  static result<bool, client_error> fail_result(client_error e) { return roost::fail(e); }

  void handle_line(std::string_view text) {
    ping_outstanding = false;  // any line shows the server is alive
    const detail::line_reply r = detail::parse_line_reply(text);
    line_event e;
    e.cmd = r.cmd;
    switch (r.kind) {
      case detail::line_reply_kind::result:
        e.id = line_event_id::result;
        e.ok = r.ok;
        break;
      case detail::line_reply_kind::message:
        e.id = line_event_id::message;
        e.topic = r.topic;
        e.msg = r.msg;
        break;
      case detail::line_reply_kind::time:
        e.id = line_event_id::time;
        e.text = r.text;
        break;
      default: return;  // an empty or unknown line
    }
    emit(e);
  }
};

line_client::line_client(const line_config& config, client_memory memory, line_handler& handler) {
  static_assert(sizeof(state) <= state_size, "line_client::state_size is too small");
  static_assert(alignof(state) <= alignof(std::max_align_t));
  new (_state_storage) state(config, memory, handler, *this);
}

line_client::~line_client() { st().~state(); }

line_client::state& line_client::st() {
  return *std::launder(static_cast<state*>(static_cast<void*>(_state_storage)));
}

const line_client::state& line_client::st() const {
  return *std::launder(static_cast<const state*>(static_cast<const void*>(_state_storage)));
}

void line_client::start(millis now) { st().start(now); }

void line_client::stop(millis now) {
  state& s = st();
  if (s.stop(now)) s.close_after_flush = true;
}

bool line_client::connected() const { return st().is_connected; }

result<bool, client_error> line_client::subscribe(std::string_view topics, bool with_latest) {
  state& s = st();
  if (!valid_topics(topics)) return fail(client_error::invalid_argument);
  if (topics.size() + s.cfg.uid.size() + 24 > s.out.capacity())
    return fail(client_error::too_large);
  const auto flags = static_cast<std::uint8_t>((with_latest ? line_rec::with_latest : 0) | line_rec::send);
  const std::size_t at = s.store.find(
      [&](const detail::record& r) { return r.kind == line_rec::subscription && r.topic == topics; });
  if (at != s.store.end()) {
    s.store.set_flags(at, flags);
  } else if (!s.store.append({line_rec::subscription, flags, 0, topics, {}})) {
    return fail(client_error::queue_full);
  }
  s.pump();
  return true;
}

result<bool, client_error> line_client::publish(std::string_view topic, std::string_view msg) {
  state& s = st();
  if (!valid_topics(topic) || topic.find(',') != std::string_view::npos || has_line_break(msg)) {
    return fail(client_error::invalid_argument);
  }
  return s.enqueue({line_rec::publish, 0, 0, topic, as_bytes(msg)},
                   topic.size() + msg.size() + s.cfg.uid.size() + 28);
}

result<bool, client_error> line_client::fetch(std::string_view topic) {
  state& s = st();
  if (!valid_topics(topic)) return fail(client_error::invalid_argument);
  return s.enqueue({line_rec::fetch, 0, 0, topic, {}}, topic.size() + s.cfg.uid.size() + 24);
}

result<bool, client_error> line_client::request_time(std::uint8_t type) {
  state& s = st();
  if (type < 1 || type > 3) return fail(client_error::invalid_argument);
  return s.enqueue({line_rec::time, type, 0, {}, {}}, s.cfg.uid.size() + 20);
}

std::uint32_t line_client::reconnects() const { return st().link.reconnects(); }

const char* line_client::host() const { return st().cfg.host; }

std::uint16_t line_client::port() const { return st().cfg.port; }

std::uint32_t line_client::open_timeout_ms() const { return st().cfg.open_timeout_ms; }

bool line_client::wants_open() const { return st().link.wants_open(); }

void line_client::on_open(millis now) {
  state& s = st();
  s.opened(now);
  s.link.accepted();  // no handshake: an open stream is a connection
  s.is_connected = true;
  s.lines.reset();
  for (std::size_t at = s.store.begin(); at != s.store.end(); at = s.store.next(at)) {
    const detail::record r = s.store.at(at);
    if (r.kind == line_rec::subscription)
      s.store.set_flags(at, static_cast<std::uint8_t>(r.flags | line_rec::send));
  }
  s.pump();
  line_event e;
  e.id = line_event_id::connected;
  s.emit(e);
}

void line_client::on_open_failed(millis now) {
  state& s = st();
  s.link.failed(now);
  line_event e;
  e.id = line_event_id::error;
  e.error = client_error::connect_failed;
  s.emit(e);
}

std::span<const std::uint8_t> line_client::output() const { return st().output(); }

void line_client::on_sent(std::size_t n) {
  state& s = st();
  s.sent(n);
  s.pump();
}

void line_client::on_received(std::span<const std::uint8_t> bytes, millis now) {
  state& s = st();
  s.link.seen(now);
  std::string_view line;
  while (!s.close_now) {
    const auto status = s.lines.take(bytes, line);
    if (status == detail::line_assembler::status::need_more) break;
    if (status == detail::line_assembler::status::too_long) return s.fail(client_error::too_large);
    s.handle_line(line);
  }
  s.pump();
}

bool line_client::wants_close() const { return st().wants_close(); }

void line_client::on_closed(millis now) {
  state& s = st();
  line_event e;
  e.id = line_event_id::disconnected;
  e.error = s.closed(now);
  s.is_connected = false;
  s.lines.reset();
  s.emit(e);
}

void line_client::on_tick(millis now) {
  state& s = st();
  s.link.seen(now);
  if (!s.is_connected || s.close_now) return;
  switch (s.keepalive_step(now, s.cfg.heartbeat_ms, s.cfg.reply_timeout_ms)) {
    case detail::stream_core::keepalive::timed_out: return s.fail(client_error::timeout);
    case detail::stream_core::keepalive::ping:
      if (s.out.append({"cmd=0&msg=ping\r\n"})) s.ping_sent(now);
      return;
    case detail::stream_core::keepalive::wait: return;
  }
}

millis line_client::next_deadline() const {
  const state& s = st();
  const millis d = s.link.retry_deadline();
  if (!s.is_connected || s.close_now) return d;
  return std::min(d, s.keepalive_deadline(s.cfg.heartbeat_ms, s.cfg.reply_timeout_ms));
}

}  // namespace roost::sdk
