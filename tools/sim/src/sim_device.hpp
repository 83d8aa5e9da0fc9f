#pragma once
// sim_device: one simulated device as the fleet's I/O loop sees it: an SDK session to drive, plus
// timers of its own (its model or application). Sans-I/O; every call comes from the thread of the
// device's shard.

#include "roost/sdk/session.hpp"
#include "roost/tools/sim/device_model.hpp"

namespace roost::tools::sim {

class sim_device {
 public:
  virtual ~sim_device() = default;

  // The session the loop drives (open, write, read, close).
  virtual sdk::session& session() = 0;
  // Starts the device (subscribes, starts the session) at `now`.
  virtual void start(millis now) = 0;
  // Stops the session (a clean DISCONNECT where the protocol has one); no reconnect follows.
  virtual void stop(millis now) = 0;
  // When the device's own timers (not the session's, which the loop runs itself) next have work;
  // no_deadline when never.
  virtual millis next_deadline() const = 0;
  // Runs the device's own timers due at `now` (the loop calls session().on_tick separately).
  virtual void on_tick(millis now) = 0;
};

}  // namespace roost::tools::sim
