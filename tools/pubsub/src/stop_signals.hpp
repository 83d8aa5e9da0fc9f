#pragma once
// SIGINT and SIGTERM ask `roost pub` / `roost sub` to finish (a clean DISCONNECT, then exit)
// instead of killing them. The handlers only set a flag; the run loops look at it between steps,
// which are bounded, and a blocked poll() returns early with EINTR.

namespace roost::tools {

class stop_signals {
 public:
  // Installs the handlers (without SA_RESTART) and clears the flag.
  stop_signals();
  // Puts the previous handlers back.
  ~stop_signals();
  stop_signals(const stop_signals&) = delete;
  stop_signals& operator=(const stop_signals&) = delete;

  // True once SIGINT or SIGTERM arrived.
  bool requested() const;
};

}  // namespace roost::tools
