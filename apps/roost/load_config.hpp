#pragma once
// Building the serve configuration: defaults < TOML file < command-line flags.
// The functions that do the work are pure (text in, config or error out) so tests need no files.
//
//   data = "/var/lib/roost"
//   [log]
//   level = "debug"
//   [listeners]
//   mqtt = "0.0.0.0:1883"      # or "off"
//   [broker]
//   max_inflight = 64
//   [auth]
//   password_file = "/etc/roost/passwd"
//   allow_anonymous = false

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config_keys.hpp"
#include "roost/base/result.hpp"
#include "serve_config.hpp"

namespace roost::app {

// Applies the TOML document `text` on top of `base`. `source` names the file in errors, which
// read "roost.toml:7:1: broker.max_qos: must be between 0 and 2 (got 3)". Unknown keys, wrong types
// and bad values are errors; nothing is ignored.
result<serve_config, std::string> apply_toml(serve_config base, std::string_view text, std::string_view source);

// A flag given on the command line: the key it sets and its text ("" for a bare boolean flag).
struct flag_value {
  const config_key* key;
  std::string text;
};

// Applies flags on top of `base`; errors read "--max-qos: must be between 0 and 2 (got 3)".
result<serve_config, std::string> apply_flags(serve_config base, const std::vector<flag_value>& flags);

// defaults < the file at `config_file` (if any) < `flags`. Reads the file; the rest is pure.
result<serve_config, std::string> load_serve_config(const std::optional<std::filesystem::path>& config_file,
                                                    const std::vector<flag_value>& flags);

}  // namespace roost::app
