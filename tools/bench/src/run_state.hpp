#pragma once
// What the loader threads and the main thread share during a run: the settings, the phase the main
// thread moves forward, the clock marks of the measured window, cross-thread delivery counts and
// the error log. Everything mutable here is atomic or behind the error log's mutex.

#include <sys/socket.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "roost/bench/options.hpp"

namespace roost::bench {

// The phases of a run, in order. Loader threads follow the main thread's moves.
enum class phase : std::uint8_t {
  connect_subscribers,  // subscribers connect and subscribe
  connect_others,       // then publishers and idle connections
  traffic,              // publishers publish (warm-up, then the measured window)
  drain,                // publishing stopped; outstanding deliveries and acks may still arrive
  disconnect,           // DISCONNECT everything (and clean persistent sessions)
};

// One counter on its own cache line, written by one thread and read by others.
struct alignas(64) shared_counter {
  std::atomic<std::uint64_t> value{0};
  void add(std::uint64_t n) { value.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t get() const { return value.load(std::memory_order_relaxed); }
};

// What one loader thread counts, read by the main thread for the progress line and the result.
struct loop_counters {
  shared_counter sent;                // PUBLISHes sent
  shared_counter sent_in_window;      // ... within the measured window
  shared_counter expected;            // deliveries those PUBLISHes should cause
  shared_counter released;            // PUBACKs (QoS 1) or PUBCOMPs (QoS 2) received
  shared_counter received;            // distinct deliveries received
  shared_counter received_in_window;  // ... within the measured window
  shared_counter duplicates;          // deliveries of a sequence already received
  shared_counter ready_subscribers;   // subscribed
  shared_counter ready_others;        // publishers and idle connections accepted
  shared_counter failed;              // connections ended by an error
  shared_counter cleaned;             // persistent sessions cleaned at the end
  std::atomic<std::int64_t> last_ready_ns{0};  // when the last connection was accepted
  std::atomic<bool> finished{false};           // the thread is done
};

// Errors of every thread: counted, the first few printed on stderr at once.
class error_log {
 public:
  static constexpr int printed_at_most = 5;
  // Counts one error and prints `what` when it is among the first few.
  void add(const std::string& what);
  std::uint64_t count() const { return _count.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> _count{0};
  std::mutex _print;
};

struct run_state {
  explicit run_state(const options& o)
      : opts(o), delivered(publisher_count(o)) {}

  const options& opts;
  std::string run_prefix;  // topic prefix plus the run id level
  sockaddr_storage broker{};
  socklen_t broker_len = 0;
  std::vector<sockaddr_storage> sources;  // empty: the kernel's choice

  std::atomic<phase> current{phase::connect_subscribers};
  // Set before the phase becomes `traffic`: when publishing starts, and the measured window.
  std::int64_t publish_start_ns = 0;
  std::int64_t measure_start_ns = 0;
  std::int64_t measure_end_ns = 0;

  // Per publisher: distinct deliveries of its messages to subscribers (the closed-loop window).
  std::vector<shared_counter> delivered;
  error_log errors;

  phase now_phase() const { return current.load(std::memory_order_acquire); }
  bool in_window(std::int64_t t) const { return t >= measure_start_ns && t < measure_end_ns; }
};

}  // namespace roost::bench
