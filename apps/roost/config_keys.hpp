#pragma once
// The one list of `roost serve` settings. Each key has a TOML path, usually a command-line flag, a
// kind, and functions to apply a value and to show the current one; the TOML loader, the flag
// parser, --help and the tests all read this table, so a setting is defined exactly once.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "serve_config.hpp"

namespace roost::app {

enum class value_kind { integer, boolean, string };

// A value as read from TOML or converted from flag text, before the key checks it.
using raw_value = std::variant<std::int64_t, bool, std::string>;

// Why a value was refused, without the key or location: "must be between 0 and 2 (got 3)".
using key_error = std::optional<std::string>;

struct config_key {
  std::string_view path;       // TOML path: "broker.max_inflight" is `max_inflight` in `[broker]`
  std::string_view flag;       // "--max-inflight", or empty when there is no flag
  std::string_view type_name;  // for help: "N", "SECONDS", "true|false", "HOST:PORT|off"
  std::string_view help;
  value_kind kind;
  // Validates `v` (already of `kind`) and stores it in the config.
  key_error (*apply)(serve_config& c, const raw_value& v);
  // The value in `c`, written as a flag would take it.
  std::string (*show)(const serve_config& c);
};

std::span<const config_key> config_keys();

// The key with this TOML path, or null.
const config_key* find_key(std::string_view path);

// Whether `path` names a TOML table of keys ("broker", "listeners").
bool is_section(std::string_view path);

// Converts flag text to the key's kind ("true"/"false", a decimal integer, any string) and applies
// it. An empty text means `true` for boolean keys (a bare `--queue-qos0-offline`).
key_error apply_text(serve_config& c, const config_key& key, std::string_view text);

// Name of a kind for messages: "an integer", "a boolean", "a string".
std::string_view kind_name(value_kind k);

}  // namespace roost::app
