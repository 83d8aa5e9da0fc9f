#pragma once
// connect_pacer: a token bucket that spaces out connection attempts, so that a fleet of thousands
// does not open all its streams in the same millisecond. Sans-I/O: time is passed in.

#include <cstdint>

#include "roost/tools/sim/device_model.hpp"  // millis

namespace roost::tools::sim {

class connect_pacer {
 public:
  // `per_second` attempts on average (at least 1), at most `burst` (at least 1) back to back.
  connect_pacer(std::uint32_t per_second, std::uint32_t burst);

  // Takes one token when one is available at `now`; returns whether it did.
  bool try_take(millis now);
  // When the next token will be available (now when one is).
  millis next_token(millis now);

 private:
  // Adds the tokens earned since the last call, up to the burst.
  void refill(millis now);

  std::uint64_t _per_second;
  std::uint64_t _capacity;   // in thousandths of a token
  std::uint64_t _tokens;     // thousandths of a token
  millis _last = 0;
};

}  // namespace roost::tools::sim
