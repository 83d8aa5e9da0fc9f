// run_bench: prepare (descriptors, addresses, run id), start the loader threads, move the phases,
// sample CPU and memory around the measured window, and report.

#include "run_bench.hpp"

#include <arpa/inet.h>
#include <netdb.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "clock.hpp"
#include "loader.hpp"
#include "progress.hpp"
#include "report.hpp"
#include "roost/base/file_limit.hpp"
#include "roost/bench/proc_stats.hpp"
#include "run_state.hpp"

namespace roost::bench {
namespace {

constexpr std::int64_t connect_phase_timeout_ns = 60 * ns_per_s;
constexpr std::int64_t tick_ns = 5'000'000;

bool resolve(run_state& run) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(run.opts.port);
  if (getaddrinfo(run.opts.host.c_str(), port.c_str(), &hints, &found) != 0 || found == nullptr) return false;
  std::memcpy(&run.broker, found->ai_addr, found->ai_addrlen);
  run.broker_len = found->ai_addrlen;
  freeaddrinfo(found);
  for (const std::string& s : run.opts.sources) {
    sockaddr_storage a{};
    auto* in = reinterpret_cast<sockaddr_in*>(&a);
    in->sin_family = AF_INET;
    inet_pton(AF_INET, s.c_str(), &in->sin_addr);
    run.sources.push_back(a);
  }
  return true;
}

std::string run_id() {
  std::random_device rd;
  char id[16];
  std::snprintf(id, sizeof id, "%06x", static_cast<unsigned>(rd() & 0xFFFFFF));
  return id;
}

// The main thread's view of all loaders.
class conductor {
 public:
  conductor(run_state& run, std::vector<std::unique_ptr<loader>>& loaders, progress_line& progress)
      : _run(run), _loaders(loaders), _progress(progress), _start(now_ns()) {}

  std::uint64_t sum(shared_counter loop_counters::*field) const {
    std::uint64_t total = 0;
    for (const auto& l : _loaders) total += (l->counters.*field).get();
    return total;
  }
  std::uint64_t connected() const {
    return sum(&loop_counters::ready_subscribers) + sum(&loop_counters::ready_others);
  }
  // Moves every loader to `p`.
  void move_to(phase p, const char* name) {
    _phase_name = name;
    _run.current.store(p, std::memory_order_release);
  }
  // Waits until `done` or `deadline`, updating the progress line; true when `done`.
  bool wait_until(const std::function<bool()>& done, std::int64_t deadline) {
    while (true) {
      if (done()) return true;
      const std::int64_t now = now_ns();
      if (now >= deadline) return false;
      tick(now);
      std::this_thread::sleep_for(std::chrono::nanoseconds(std::min(tick_ns, deadline - now)));
    }
  }
  void sleep_until(std::int64_t deadline) { wait_until([] { return false; }, deadline); }
  void tick(std::int64_t now) {
    _progress.update({_phase_name, static_cast<double>(now - _start) / 1e9, sum(&loop_counters::sent),
                      sum(&loop_counters::received), connected()},
                     now);
  }

 private:
  run_state& _run;
  std::vector<std::unique_ptr<loader>>& _loaders;
  progress_line& _progress;
  std::int64_t _start;
  const char* _phase_name = "connect";
};

struct cpu_sample {
  double own = 0;
  std::optional<double> broker;
};

cpu_sample sample_cpu(const options& o) {
  return {own_cpu_seconds(), o.pid ? process_cpu_seconds(*o.pid) : std::nullopt};
}

void fill_cpu(const options& o, const cpu_sample& a, const cpu_sample& b, double wall_s, bench_result& r) {
  if (wall_s <= 0) return;
  r.bench_cpu_pct = (b.own - a.own) / wall_s * 100.0;
  if (a.broker && b.broker) r.broker_cpu_pct = (*b.broker - *a.broker) / wall_s * 100.0;
  if (o.pid) r.broker_rss_kb = process_rss_kb(*o.pid);
}

// The connections, spread round robin over the loaders: subscribers, publishers, then idle.
void distribute(const options& o, std::vector<std::unique_ptr<loader>>& loaders) {
  std::uint32_t g = 0;
  auto next = [&]() -> loader& { return *loaders[g % loaders.size()]; };
  for (std::uint32_t i = 0; i < subscriber_count(o); ++i, ++g) next().add_subscriber(i, g);
  for (std::uint32_t i = 0; i < publisher_count(o); ++i, ++g) next().add_publisher(i, g);
  for (std::uint32_t i = 0; i < idle_count(o); ++i, ++g) next().add_idle(i, g);
}

// The traffic phases; fills the message figures of `r`.
void run_traffic(run_state& run, conductor& c, bench_result& r) {
  const options& o = run.opts;
  run.publish_start_ns = now_ns() + 10'000'000;
  run.measure_start_ns = run.publish_start_ns + to_ns(o.warmup_s);
  run.measure_end_ns = run.measure_start_ns + to_ns(o.duration_s);
  c.move_to(phase::traffic, o.warmup_s > 0 ? "warmup" : "measure");
  c.sleep_until(run.measure_start_ns);
  const cpu_sample before = sample_cpu(o);
  c.move_to(phase::traffic, "measure");
  c.sleep_until(run.measure_end_ns);
  const cpu_sample after = sample_cpu(o);
  r.window_s = static_cast<double>(run.measure_end_ns - run.measure_start_ns) / 1e9;
  fill_cpu(o, before, after, r.window_s, r);
  c.move_to(phase::drain, "drain");
  c.wait_until(
      [&] {
        const bool all_received = c.sum(&loop_counters::received) >= c.sum(&loop_counters::expected);
        const bool all_released = o.qos == 0 || c.sum(&loop_counters::released) >= c.sum(&loop_counters::sent);
        return all_received && all_released;
      },
      now_ns() + to_ns(o.drain_s));
}

// The conn scenario's hold; fills its CPU and memory figures.
void hold_connections(run_state& run, conductor& c, bench_result& r) {
  const options& o = run.opts;
  const cpu_sample before = sample_cpu(o);
  const std::int64_t start = now_ns();
  c.move_to(phase::traffic, "hold");
  c.sleep_until(start + to_ns(o.duration_s));
  const cpu_sample after = sample_cpu(o);
  fill_cpu(o, before, after, static_cast<double>(now_ns() - start) / 1e9, r);
}

}  // namespace

int run_bench(const options& o) {
  const std::uint64_t limit = raise_file_limit().now;
  if (descriptors_needed(o) > limit) {
    std::fprintf(stderr, "roost bench: needs %llu file descriptors, the limit is %llu (ulimit -n)\n",
                 static_cast<unsigned long long>(descriptors_needed(o)), static_cast<unsigned long long>(limit));
    return exit_usage;
  }
  run_state run{o};
  if (!resolve(run)) {
    std::fprintf(stderr, "roost bench: cannot resolve the broker host '%s'\n", o.host.c_str());
    return exit_usage;
  }
  run.run_prefix = o.topic_prefix + "/" + run_id();

  std::vector<std::unique_ptr<loader>> loaders;
  for (std::uint32_t i = 0; i < o.threads; ++i) loaders.push_back(std::make_unique<loader>(run));
  distribute(o, loaders);
  progress_line progress{o.progress};
  conductor c{run, loaders, progress};
  bench_result r;
  if (o.pid) r.broker_rss_before_kb = process_rss_kb(*o.pid);

  const std::int64_t connect_start = now_ns();
  std::vector<std::thread> threads;
  for (auto& l : loaders) threads.emplace_back([&l] { l->run(); });
  const auto failed = [&] { return c.sum(&loop_counters::failed); };
  c.wait_until([&] { return c.sum(&loop_counters::ready_subscribers) + failed() >= subscriber_count(o); },
               connect_start + connect_phase_timeout_ns);
  c.move_to(phase::connect_others, "connect");
  c.wait_until([&] { return c.connected() + failed() >= connection_count(o); }, now_ns() + connect_phase_timeout_ns);
  r.connected = c.connected();
  if (const std::uint64_t missing = connection_count(o) - std::min(connection_count(o), r.connected + failed())) {
    run.errors.add(std::to_string(missing) + " connections still not accepted after the connect phase's " +
                   std::to_string(connect_phase_timeout_ns / ns_per_s) + " s");
  }
  std::int64_t last_ready = connect_start;
  for (const auto& l : loaders) last_ready = std::max(last_ready, l->counters.last_ready_ns.load());
  r.connect_s = static_cast<double>(last_ready - connect_start) / 1e9;
  if (o.kind == scenario::conn) {
    hold_connections(run, c, r);
  } else if (r.connected == connection_count(o)) {
    run_traffic(run, c, r);
  } else {
    run.errors.add("not every connection was accepted; no traffic was sent");
  }
  c.move_to(phase::disconnect, "disconnect");
  for (auto& t : threads) t.join();
  progress.finish();

  r.sent = c.sum(&loop_counters::sent);
  r.sent_in_window = c.sum(&loop_counters::sent_in_window);
  r.expected = c.sum(&loop_counters::expected);
  r.received = c.sum(&loop_counters::received);
  r.received_in_window = c.sum(&loop_counters::received_in_window);
  r.duplicates = c.sum(&loop_counters::duplicates);
  for (const auto& l : loaders) r.latencies.merge(l->latencies);
  r.errors = run.errors.count();
  if (!o.json_only) std::fputs(format_summary(o, r).c_str(), stdout);
  std::printf("%s\n", format_json(o, r).c_str());
  std::fflush(stdout);
  return exit_status(o, r);
}

}  // namespace roost::bench
