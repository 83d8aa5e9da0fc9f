#pragma once
// Messages of `roost pub` / `roost sub` on stderr: errors (silenced by --quiet) and -d notes.

#include <optional>
#include <string>
#include <string_view>

#include "roost/tools/pubsub/options.hpp"

namespace roost::tools {

class reporter {
 public:
  reporter(bool quiet, bool debug) : _quiet(quiet), _debug(debug) {}
  // "Error: <text>" unless --quiet.
  void error(std::string_view text) const;
  // The line as given unless --quiet (for mosquitto's own wordings such as "Connection error: ...").
  void line(std::string_view text) const;
  // The line as given with -d only.
  void debug(std::string_view text) const;

 private:
  bool _quiet;
  bool _debug;
};

// The start of every run, after its options were checked: reports `problem` with the usage hint of
// `roost <command>` and returns false; without a problem prints the warnings about `conn` and
// returns true.
bool accept_options(const reporter& report, const std::optional<std::string>& problem,
                    const connect_options& conn, std::string_view command);

}  // namespace roost::tools
