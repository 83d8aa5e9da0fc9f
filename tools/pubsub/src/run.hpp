#pragma once
// The run loops of `roost pub` and `roost sub`. Each checks its options, connects, does its work,
// disconnects cleanly, and returns the exit status (see docs/cli.md); messages go to stderr.

#include <cstdint>

#include "roost/tools/pubsub/options.hpp"

namespace roost::tools {

// How long one wait of a run loop for the network lasts, in milliseconds.
inline constexpr std::uint32_t poll_step_ms = 100;

// Publishes what `o` says; 0 once every message went out (QoS 1/2: acknowledged) and the client
// disconnected cleanly.
int run_pub(pub_options& o);

// Subscribes and prints messages until -C, -W, -E, --retained-only, SIGINT or SIGTERM ends it;
// 0 on a normal end, 27 when -W ran out.
int run_sub(sub_options& o);

}  // namespace roost::tools
