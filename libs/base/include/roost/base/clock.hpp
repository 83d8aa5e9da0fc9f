#pragma once
// Time is injected: the core never reads a clock, it is handed `now` with every event.
// Adapters pass steady_clock::now(); tests pass a manual clock they advance by hand.

#include <chrono>

namespace roost {

using clock_type = std::chrono::steady_clock;
using time_point = clock_type::time_point;
using duration = clock_type::duration;
using std::chrono::milliseconds;
using std::chrono::seconds;

}  // namespace roost
