// The retained store (roost::broker::retained_store) holding 100,000 retained messages
// (10,000 devices x metrics m0..m9, 64-byte payloads): what a new subscription costs to collect
// its retained messages, for an exact topic and for wildcard filters that return 1, 10, 10,000
// and all 100,000 messages. items/s counts lookups; the counter tells the messages per lookup.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "resident_memory.hpp"
#include "roost/broker/message.hpp"
#include "roost/broker/retained_store.hpp"

namespace {

using roost::broker::message_ptr;
using roost::broker::retained_store;

constexpr int devices = 10'000;
constexpr int metrics = 10;

std::string topic_of(int device, int metric) {
  return "device/" + std::to_string(device) + "/m" + std::to_string(metric);
}

const retained_store& store() {
  static const auto* s = [] {
    auto* st = new retained_store;
    const std::vector<std::uint8_t> payload(64, 0x5a);
    for (int d = 0; d < devices; ++d)
      for (int m = 0; m < metrics; ++m)
        st->put(roost::broker::make_message(roost::broker::default_scope, topic_of(d, m), payload,
                                            1, true));
    return st;
  }();
  return *s;
}

// 1,024 strings made by `make(random device)`.
template <class Make>
std::vector<std::string> queries(Make make) {
  std::mt19937 rng{3};
  std::uniform_int_distribution<int> pick{0, devices - 1};
  std::vector<std::string> out;
  for (int i = 0; i < 1024; ++i) out.push_back(make(pick(rng)));
  return out;
}

void BM_retained_find(benchmark::State& state) {
  const auto& st = store();
  const auto topics = queries([](int d) { return topic_of(d, d % metrics); });
  std::size_t i = 0;
  for (auto _ : state) {
    auto m = st.find(topics[i++ & 1023]);
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_retained_find);

// Runs match() over `filters` in turn and checks every lookup returned `expected` messages.
void run_match(benchmark::State& state, const std::vector<std::string>& filters,
               std::size_t expected) {
  const auto& st = store();
  std::vector<message_ptr> out;
  std::size_t i = 0;
  for (auto _ : state) {
    out.clear();
    st.match(filters[i++ % filters.size()], out);
    benchmark::DoNotOptimize(out.data());
  }
  if (out.size() != expected) state.SkipWithError("unexpected number of retained messages");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["messages"] = static_cast<double>(out.size());
}

void BM_retained_match_exact_filter(benchmark::State& state) {
  run_match(state, queries([](int d) { return topic_of(d, 3); }), 1);
}
BENCHMARK(BM_retained_match_exact_filter);

void BM_retained_match_device_hash(benchmark::State& state) {
  run_match(state, queries([](int d) { return "device/" + std::to_string(d) + "/#"; }), metrics);
}
BENCHMARK(BM_retained_match_device_hash);

void BM_retained_match_plus_metric(benchmark::State& state) {
  run_match(state, {"device/+/m3", "device/+/m7"}, devices);
}
BENCHMARK(BM_retained_match_plus_metric)->Unit(benchmark::kMicrosecond);

void BM_retained_match_all(benchmark::State& state) {
  run_match(state, {"#"}, static_cast<std::size_t>(devices) * metrics);
}
BENCHMARK(BM_retained_match_all)->Unit(benchmark::kMillisecond);

// Memory of the 100,000 retained messages (topics, 64-byte payloads, nodes) as resident-set growth.
void BM_retained_memory_100k(benchmark::State& state) {
  const std::vector<std::uint8_t> payload(64, 0x5a);
  for (auto _ : state) {
    state.PauseTiming();
    const std::size_t before = roost::bench::resident_bytes();
    auto st = std::make_unique<retained_store>();
    state.ResumeTiming();
    for (int d = 0; d < devices; ++d)
      for (int m = 0; m < metrics; ++m)
        st->put(roost::broker::make_message(roost::broker::default_scope, topic_of(d, m), payload,
                                            1, true));
    state.PauseTiming();
    const std::size_t after = roost::bench::resident_bytes();
    state.counters["rss_bytes"] = static_cast<double>(after - before);
    state.counters["bytes_per_message"] =
        static_cast<double>(after - before) / static_cast<double>(st->size());
    st.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * devices * metrics);
}
BENCHMARK(BM_retained_memory_100k)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
