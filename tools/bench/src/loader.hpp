#pragma once
// loader: one load-generating thread. It owns its connections and their publisher/subscriber
// roles and runs them on its own epoll loop: read, decode, answer, publish, then one send per
// connection with output, each turn. It follows the run's phases as the main thread moves them.

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "bench_connection.hpp"
#include "publisher.hpp"
#include "roost/bench/histogram.hpp"
#include "run_state.hpp"
#include "subscriber.hpp"

namespace roost::bench {

class loader final : public connection_owner {
 public:
  explicit loader(run_state& run);
  ~loader();
  loader(const loader&) = delete;
  loader& operator=(const loader&) = delete;

  // Adds connections before run(). `index` counts within the role, `global_index` over all.
  void add_subscriber(std::uint32_t index, std::uint32_t global_index);
  void add_publisher(std::uint32_t index, std::uint32_t global_index);
  void add_idle(std::uint32_t index, std::uint32_t global_index);

  // The event loop, until the disconnect phase is complete.
  void run();

  loop_counters counters;
  latency_histogram latencies;

  void on_ready(bench_connection& c, std::int64_t now) override;
  void on_failed(bench_connection& c, bool while_connecting) override;
  void on_message(bench_connection& c, const mqtt::publish& p, std::int64_t now) override;
  void on_released(bench_connection& c, std::uint16_t packet_id) override;
  void mark_dirty(bench_connection& c) override;
  void on_closed(bench_connection& c) override;

 private:
  bench_connection& add(role kind, std::uint32_t index, std::uint32_t global_index);
  void enter(phase p, std::int64_t now);
  void start_connects(std::int64_t now);
  std::int64_t pump_publishers(std::int64_t now);
  void flush_dirty();
  void wait(std::int64_t until_ns, std::int64_t now);
  void every_second(std::int64_t now);
  void begin_disconnect(std::int64_t now);

  run_state& _run;
  int _epoll = -1;
  std::vector<std::unique_ptr<bench_connection>> _conns;
  std::vector<std::unique_ptr<publisher>> _publishers;    // by connection local index
  std::vector<std::unique_ptr<subscriber>> _subscribers;  // by connection local index
  std::vector<bench_connection*> _dirty;
  std::deque<bench_connection*> _to_connect;
  std::vector<std::uint8_t> _read_buffer;
  std::uint32_t _connecting = 0;  // started and not yet ready or failed
  std::uint32_t _connect_limit = 1;
  double _connect_rate = 0;  // this thread's share; 0: unpaced
  std::int64_t _pace_start_ns = 0;
  std::uint64_t _paced = 0;
  std::uint32_t _cleanups = 0;  // cleanup connections not yet done
  std::uint32_t _closing = 0;   // disconnected, waiting for the broker to close
  std::int64_t _disconnect_deadline = 0;
  std::int64_t _next_second = 0;
  bool _done = false;
};

}  // namespace roost::bench
