// The subscription trie (roost::broker::subscription_trie) at the scale of a large fleet:
// 1,000,000 subscriptions, the mix a device cloud sees:
//
//   600,000  device/<id>/m<k>     exact, 100,000 devices x metrics m0..m5, one session each
//   100,000  device/<id>/#        one per device (its dashboard)
//   100,000  device/<id>/+        one per device ('+' at the last level)
//   194,000  meter/<id>/reading   exact, a second tree of single-subscriber topics
//     6,000  device/+/m<k>        1,000 sessions per metric ('+' in the middle: the many case)
//         2  +/+/+/alarm, +/+/alarm   global wildcards that every match walks into
//
// Topics matched: "unknown/<id>/m0" reaches no subscriber, "meter/<id>/reading" one,
// "device/<id>/m7" two (the device's '#' and '+'), "device/<id>/m0" 1,003. The trie never looks
// at a session, so sessions are distinct fake addresses.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "resident_memory.hpp"
#include "roost/broker/subscription_trie.hpp"

namespace {

using roost::broker::session;
using roost::broker::subscription_options;
using roost::broker::subscription_trie;

constexpr int devices = 100'000;
constexpr int exact_metrics = 6;
constexpr int meters = 194'000;
constexpr int metric_watchers = 1'000;

// A distinct, never dereferenced session address per number.
session* fake_session(std::uintptr_t n) { return reinterpret_cast<session*>((n + 1) * 64); }

struct subscription {
  std::string filter;
  session* subscriber;
  std::uint8_t qos;
};

// The 1,000,000 subscriptions described above, in a shuffled order.
std::vector<subscription> fleet_subscriptions() {
  std::vector<subscription> subs;
  subs.reserve(1'000'000);
  std::uintptr_t next_session = 0;
  for (int id = 0; id < devices; ++id) {
    const std::string device = "device/" + std::to_string(id) + "/";
    for (int k = 0; k < exact_metrics; ++k)
      subs.push_back({device + "m" + std::to_string(k), fake_session(next_session++), 1});
    subs.push_back({device + "#", fake_session(next_session++), 0});
    subs.push_back({device + "+", fake_session(next_session++), 1});
  }
  for (int id = 0; id < meters; ++id)
    subs.push_back({"meter/" + std::to_string(id) + "/reading", fake_session(next_session++), 1});
  for (int k = 0; k < exact_metrics; ++k)
    for (int w = 0; w < metric_watchers; ++w)
      subs.push_back({"device/+/m" + std::to_string(k), fake_session(next_session++), 0});
  subs.push_back({"+/+/+/alarm", fake_session(next_session++), 1});
  subs.push_back({"+/+/alarm", fake_session(next_session++), 1});
  std::shuffle(subs.begin(), subs.end(), std::mt19937{7});
  return subs;
}

void insert_all(subscription_trie& trie, const std::vector<subscription>& subs) {
  for (const auto& s : subs) trie.insert(s.filter, s.subscriber, subscription_options{.qos = s.qos});
}

// The trie every match benchmark shares, built once.
const subscription_trie& fleet_trie() {
  static const auto* trie = [] {
    auto* t = new subscription_trie;
    insert_all(*t, fleet_subscriptions());
    return t;
  }();
  return *trie;
}

// 4,096 topics "<prefix><random id><suffix>", so that matches walk different branches.
std::vector<std::string> topics(const std::string& prefix, int ids, const std::string& suffix) {
  std::mt19937 rng{11};
  std::uniform_int_distribution<int> pick{0, ids - 1};
  std::vector<std::string> out;
  for (int i = 0; i < 4096; ++i) out.push_back(prefix + std::to_string(pick(rng)) + suffix);
  return out;
}

// Matches the topics in turn; items/s counts matches, the counter the subscribers per match.
void run_match(benchmark::State& state, const std::vector<std::string>& topic_list,
               std::size_t expected) {
  const subscription_trie& trie = fleet_trie();
  std::vector<subscription_trie::match_entry> out;
  std::size_t i = 0;
  for (auto _ : state) {
    out.clear();
    trie.match(topic_list[i++ & 4095], out);
    benchmark::DoNotOptimize(out.data());
  }
  if (out.size() != expected) state.SkipWithError("unexpected number of subscribers");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["subscribers"] = static_cast<double>(out.size());
}

void BM_trie_match_none(benchmark::State& state) {
  run_match(state, topics("unknown/", devices, "/m0"), 0);
}
BENCHMARK(BM_trie_match_none);

void BM_trie_match_one(benchmark::State& state) {
  run_match(state, topics("meter/", meters, "/reading"), 1);
}
BENCHMARK(BM_trie_match_one);

void BM_trie_match_two(benchmark::State& state) {
  run_match(state, topics("device/", devices, "/m7"), 2);
}
BENCHMARK(BM_trie_match_two);

void BM_trie_match_many(benchmark::State& state) {
  run_match(state, topics("device/", devices, "/m0"), 3 + metric_watchers);
}
BENCHMARK(BM_trie_match_many);

// Subscribing and unsubscribing one more filter on the 1M trie: one insert + one erase per
// iteration, each of a new node chain (device/<id>/extra) under an existing device.
void BM_trie_insert_erase(benchmark::State& state) {
  auto& trie = const_cast<subscription_trie&>(fleet_trie());
  const auto filters = topics("device/", devices, "/extra");
  session* s = fake_session(5'000'000);
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& f = filters[i++ & 4095];
    trie.insert(f, s, subscription_options{.qos = 1});
    trie.erase(f, s);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_trie_insert_erase);

// Building a trie of the 1,000,000 subscriptions (time per insert as items/s), its memory as the
// resident-set growth (rss_bytes, bytes_per_subscription); then erasing them all again.
void BM_trie_build_1M(benchmark::State& state) {
  const auto subs = fleet_subscriptions();
  for (auto _ : state) {
    state.PauseTiming();
    const std::size_t before = roost::bench::resident_bytes();
    auto trie = std::make_unique<subscription_trie>();
    state.ResumeTiming();
    insert_all(*trie, subs);
    state.PauseTiming();
    const std::size_t after = roost::bench::resident_bytes();
    state.counters["rss_bytes"] = static_cast<double>(after - before);
    state.counters["bytes_per_subscription"] =
        static_cast<double>(after - before) / static_cast<double>(subs.size());
    if (trie->size() != subs.size()) state.SkipWithError("subscriptions lost");
    trie.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * subs.size()));
}
BENCHMARK(BM_trie_build_1M)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_trie_erase_1M(benchmark::State& state) {
  const auto subs = fleet_subscriptions();
  for (auto _ : state) {
    state.PauseTiming();
    subscription_trie trie;
    insert_all(trie, subs);
    state.ResumeTiming();
    for (const auto& s : subs) trie.erase(s.filter, s.subscriber);
    if (trie.size() != 0) state.SkipWithError("subscriptions left");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * subs.size()));
}
BENCHMARK(BM_trie_erase_1M)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
