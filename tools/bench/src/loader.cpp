// loader: the epoll loop, phases, connect pacing, keep-alive and the per-turn flush.

#include "loader.hpp"

#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <ctime>
#include <limits>

#include "clock.hpp"

namespace roost::bench {
namespace {

constexpr std::size_t read_buffer_size = 64 * 1024;
constexpr int max_events = 256;
constexpr std::int64_t idle_wait_ns = 50'000'000;
constexpr std::int64_t connect_timeout_ns = 30 * ns_per_s;
constexpr std::int64_t disconnect_timeout_ns = 10 * ns_per_s;
// With publishers of this thread waiting for deliveries that another thread receives.
constexpr std::int64_t cross_thread_poll_ns = 200'000;
constexpr std::int64_t never = std::numeric_limits<std::int64_t>::max();

// epoll_pwait2 (nanosecond timeouts, for open-loop schedules); epoll_wait with the timeout rounded
// up to milliseconds where the kernel or an instrumenting tool (valgrind) lacks it.
int wait_for_events(int epoll, std::array<epoll_event, max_events>& events, std::int64_t wait_ns) {
  static std::atomic<bool> nanosecond_wait{true};
  if (nanosecond_wait.load(std::memory_order_relaxed)) {
    const timespec ts{static_cast<time_t>(wait_ns / ns_per_s), static_cast<long>(wait_ns % ns_per_s)};
    const int n = epoll_pwait2(epoll, events.data(), max_events, &ts, nullptr);
    if (n >= 0 || errno != ENOSYS) return std::max(n, 0);
    nanosecond_wait.store(false, std::memory_order_relaxed);
  }
  const auto ms = static_cast<int>(std::min<std::int64_t>((wait_ns + 999'999) / 1'000'000, 60'000));
  return std::max(epoll_wait(epoll, events.data(), max_events, ms), 0);
}

std::string client_id(const options& o, const char* role, std::uint32_t index) {
  return o.client_prefix + "-" + role + "-" + std::to_string(index);
}

}  // namespace

loader::loader(run_state& run)
    : _run(run), _epoll(epoll_create1(EPOLL_CLOEXEC)), _read_buffer(read_buffer_size) {
  const options& o = run.opts;
  _connect_limit = std::max<std::uint32_t>(1, max_outstanding_connects / std::max<std::uint32_t>(1, o.threads));
  _connect_rate = o.connect_rate / std::max<std::uint32_t>(1, o.threads);
}

loader::~loader() {
  _conns.clear();
  if (_epoll >= 0) ::close(_epoll);
}

bench_connection& loader::add(role kind, std::uint32_t index, std::uint32_t global_index) {
  const options& o = _run.opts;
  connection_identity id;
  id.kind = kind;
  id.index = index;
  id.global_index = global_index;
  id.local = static_cast<std::uint32_t>(_conns.size());
  id.client_id = client_id(o, kind == role::publisher ? "pub" : kind == role::subscriber ? "sub" : "conn", index);
  if (kind == role::subscriber) id.filter = subscribe_filter(o, _run.run_prefix, index);
  _conns.push_back(std::make_unique<bench_connection>(*this, _run, _epoll, std::move(id)));
  _publishers.emplace_back();
  _subscribers.emplace_back();
  return *_conns.back();
}

void loader::add_subscriber(std::uint32_t index, std::uint32_t global_index) {
  add(role::subscriber, index, global_index);
  _subscribers.back() = std::make_unique<subscriber>(_run, counters, latencies, heard_by(_run.opts, index));
}

void loader::add_publisher(std::uint32_t index, std::uint32_t global_index) {
  bench_connection& c = add(role::publisher, index, global_index);
  _publishers.back() =
      std::make_unique<publisher>(_run, counters, c, index, publish_topic(_run.opts, _run.run_prefix, index));
}

void loader::add_idle(std::uint32_t index, std::uint32_t global_index) { add(role::idle, index, global_index); }

void loader::run() {
  phase seen = phase::disconnect;
  bool first = true;
  std::int64_t now = now_ns();
  std::array<epoll_event, max_events> events{};
  while (!_done) {
    const phase p = _run.now_phase();
    if (first || p != seen) {
      enter(p, now);
      seen = p;
      first = false;
    }
    start_connects(now);
    std::int64_t wake = now + idle_wait_ns;
    if (p == phase::traffic && now >= _run.publish_start_ns) {
      wake = std::min(wake, pump_publishers(now));
    } else if (p == phase::traffic) {
      wake = std::min(wake, _run.publish_start_ns);
    }
    if (_connect_rate > 0 && !_to_connect.empty()) wake = std::min(wake, now + 1'000'000);
    flush_dirty();
    if (p == phase::disconnect && ((_cleanups == 0 && _closing == 0) || now > _disconnect_deadline)) break;
    const int n = wait_for_events(_epoll, events, std::max<std::int64_t>(0, wake - now));
    now = now_ns();
    for (int i = 0; i < n; ++i) {
      static_cast<bench_connection*>(events[i].data.ptr)->on_events(events[i].events, _read_buffer, now);
    }
    if (now >= _next_second) every_second(now);
  }
  for (auto& c : _conns) {
    if (c->state() != link_state::closed) c->abandon();
  }
  counters.finished.store(true, std::memory_order_release);
}

void loader::enter(phase p, std::int64_t now) {
  _pace_start_ns = now;
  _paced = 0;
  switch (p) {
    case phase::connect_subscribers:
      for (auto& c : _conns) {
        if (c->id().kind == role::subscriber) _to_connect.push_back(c.get());
      }
      break;
    case phase::connect_others:
      for (auto& c : _conns) {
        if (c->id().kind != role::subscriber) _to_connect.push_back(c.get());
      }
      break;
    case phase::traffic:
    case phase::drain: break;
    case phase::disconnect: begin_disconnect(now); break;
  }
}

void loader::begin_disconnect(std::int64_t now) {
  _to_connect.clear();
  _disconnect_deadline = now + disconnect_timeout_ns;
  const bool clean_up = !_run.opts.clean;
  for (auto& c : _conns) {
    const bool persistent = clean_up && c->id().kind == role::subscriber && c->state() == link_state::ready;
    if (c->state() == link_state::ready && !persistent) ++_closing;  // its cleanup replaces the wait
    c->disconnect();
    if (persistent) {
      c->needs_cleanup = true;
      _to_connect.push_back(c.get());
      ++_cleanups;
    }
  }
  _connecting = 0;
}

void loader::start_connects(std::int64_t now) {
  while (!_to_connect.empty() && _connecting < _connect_limit) {
    if (_connect_rate > 0 &&
        static_cast<double>(_paced) >= static_cast<double>(now - _pace_start_ns) / 1e9 * _connect_rate + 1) {
      return;
    }
    bench_connection* c = _to_connect.front();
    _to_connect.pop_front();
    ++_connecting;
    ++_paced;
    if (c->needs_cleanup) {
      c->needs_cleanup = false;
      c->cleaning = true;
    }
    c->start(c->cleaning ? true : (c->id().kind != role::subscriber || _run.opts.clean), now);
  }
}

std::int64_t loader::pump_publishers(std::int64_t now) {
  std::int64_t wake = never;
  bool waiting_on_others = false;
  for (auto& p : _publishers) {
    if (!p) continue;
    const std::int64_t next = p->pump(now);
    wake = std::min(wake, next);
    if (next != never && _run.opts.rate == 0) waiting_on_others = true;
  }
  if (waiting_on_others && _run.opts.threads > 1) wake = std::min(wake, now + cross_thread_poll_ns);
  return wake;
}

void loader::flush_dirty() {
  for (bench_connection* c : _dirty) {
    c->clear_dirty();
    c->flush();
  }
  _dirty.clear();
}

void loader::every_second(std::int64_t now) {
  _next_second = now + ns_per_s;
  const std::int64_t keep_alive_ns = std::int64_t{_run.opts.keepalive_s} * ns_per_s * 3 / 4;
  for (auto& c : _conns) {
    c->check_connect_timeout(now, connect_timeout_ns);
    if (keep_alive_ns > 0) c->keep_alive(now, keep_alive_ns);
  }
}

void loader::on_ready(bench_connection& c, std::int64_t now) {
  if (_connecting > 0) --_connecting;
  if (c.cleaning) {
    c.disconnect();  // on_closed() counts it
    return;
  }
  (c.id().kind == role::subscriber ? counters.ready_subscribers : counters.ready_others).add(1);
  counters.last_ready_ns.store(now, std::memory_order_relaxed);
}

void loader::on_failed(bench_connection& c, bool while_connecting) {
  if (while_connecting && _connecting > 0) --_connecting;
  if (c.cleaning && _cleanups > 0) --_cleanups;
  counters.failed.add(1);
}

void loader::on_message(bench_connection& c, const mqtt::publish& p, std::int64_t now) {
  if (auto& s = _subscribers[c.id().local]) {
    s->on_message(p, now);
  } else {
    _run.errors.add("a PUBLISH on a connection that did not subscribe (" + c.id().client_id + ")");
  }
}

void loader::on_released(bench_connection& c, std::uint16_t packet_id) {
  if (auto& p = _publishers[c.id().local]) {
    p->on_released(packet_id);
  } else {
    _run.errors.add("an acknowledgement on a connection that did not publish (" + c.id().client_id + ")");
  }
}

void loader::mark_dirty(bench_connection& c) { _dirty.push_back(&c); }

void loader::on_closed(bench_connection& c) {
  if (c.cleaning) {
    if (_cleanups > 0) --_cleanups;
    counters.cleaned.add(1);
  } else if (_closing > 0) {
    --_closing;
  }
}

}  // namespace roost::bench
