#pragma once
// curtain_model: a curtain (type 009) that moves at a fixed speed. Position 0 is closed, 100 open.
//
// Commands: `on` opens (moves to 100), `off` closes (moves to 0), `on#<position 0-100>` moves
// there, `pause` stops where it is. Reports `on#<position>` when the position is above 0 and `off`
// at 0: at once for a command that needs no motion (and for `pause`), then every second while it
// moves, and when it arrives. Starts closed.

#include <cstdint>

#include "roost/tools/sim/device_model.hpp"

namespace roost::tools::sim {

class curtain_model final : public device_model {
 public:
  // `percent_per_second`: the speed (at least 1); 20 means a full travel takes 5 s.
  explicit curtain_model(std::uint32_t percent_per_second = 20);

  std::string on_connected(millis now) override;
  std::optional<std::string> on_message(std::string_view msg, millis now) override;
  millis next_deadline() const override;
  std::optional<std::string> on_tick(millis now) override;

  // The position at `now` (0-100), for tests.
  std::uint32_t position(millis now) const;
  bool moving() const { return _moving; }

  // Interval of the progress reports while moving.
  static constexpr millis progress_interval_ms = 1000;

 private:
  // `on#<position>`, or `off` at 0.
  std::string report(std::uint32_t position) const;
  // Starts moving from the position at `now` to `target`; returns the report when no motion is needed.
  std::optional<std::string> move_to(std::uint32_t target, millis now);

  std::uint32_t _speed;        // percent per second
  std::uint32_t _from = 0;     // position where the current motion started (or the resting one)
  std::uint32_t _target = 0;
  millis _started = 0;         // when the current motion started
  millis _next_report = no_deadline;
  bool _moving = false;
};

}  // namespace roost::tools::sim
