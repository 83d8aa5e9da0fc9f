#pragma once
// A process-wide log sink for the Sans-I/O modules, which must not depend on a logging library.
// The app installs a sink (spdlog) at start; without one, messages are discarded.
//
//   if (log::enabled(log::level::debug)) log::write(log::level::debug, "client x: closed");

#include <atomic>
#include <string_view>

namespace roost::log {

enum class level : int { trace = 0, debug = 1, info = 2, warn = 3, error = 4, off = 5 };

using sink_fn = void (*)(level, std::string_view);

namespace detail {
inline std::atomic<sink_fn> sink{nullptr};
inline std::atomic<int> threshold{static_cast<int>(level::info)};
}  // namespace detail

// Installs `fn` as the sink and sets the lowest level passed to it. Call before starting threads.
inline void set_sink(sink_fn fn, level lowest) {
  detail::sink.store(fn);
  detail::threshold.store(static_cast<int>(lowest));
}

// Whether a message at `l` would reach the sink: test this before building an expensive message.
inline bool enabled(level l) {
  return detail::sink.load(std::memory_order_relaxed) != nullptr &&
         static_cast<int>(l) >= detail::threshold.load(std::memory_order_relaxed);
}

inline void write(level l, std::string_view text) {
  if (enabled(l)) detail::sink.load()(l, text);
}

}  // namespace roost::log
