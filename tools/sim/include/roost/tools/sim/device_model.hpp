#pragma once
// device_model: what one simulated typed device does, without any I/O or clock of its own.
//
// The fleet hands a model the messages that arrive on the device's topic and the current time; the
// model answers with the state report to publish on `<topic>/up` (which updates the topic's value
// in the cloud and pushes to nobody). Every method is deterministic given its inputs (models that
// need randomness take a seed), so the behaviour is unit-tested with a manual clock.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace roost::tools::sim {

// Milliseconds on the fleet's monotonic clock (the same unit as roost::sdk::millis).
using millis = std::uint64_t;

// "No deadline": next_deadline() of a model without timers.
inline constexpr millis no_deadline = std::numeric_limits<millis>::max();

class device_model {
 public:
  virtual ~device_model() = default;

  // The device (re)connected at `now`: returns the report of its current state, which a device
  // sends after every connect so that the cloud shows it at once.
  virtual std::string on_connected(millis now) = 0;

  // A message arrived on the device's topic at `now`. Returns the report to publish now: after a
  // command the device understood (even if the state did not change); nothing when it ignores the
  // message or reports later (a curtain that starts moving reports from on_tick).
  virtual std::optional<std::string> on_message(std::string_view msg, millis now) = 0;

  // When on_tick next has work: a periodic report, a motion step. no_deadline when never.
  virtual millis next_deadline() const = 0;

  // Timers; call at or after next_deadline(). Returns the report due at `now`, if any.
  virtual std::optional<std::string> on_tick(millis now) = 0;
};

// A model that only answers messages: no timers, so next_deadline() is no_deadline and on_tick()
// never reports.
class untimed_model : public device_model {
 public:
  millis next_deadline() const final { return no_deadline; }
  std::optional<std::string> on_tick(millis) final { return std::nullopt; }
};

}  // namespace roost::tools::sim
