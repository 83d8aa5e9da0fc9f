#pragma once
// Private to sqlite_persistence: the MQTT 5 parts of stored messages and subscriptions as columns
// and back (schema migration 3).
//
//   message expiry   steady time_point  <-> expires_at, Unix milliseconds (NULL: never)
//   identifiers      subscription_ids   <-> subscription_ids, decimal, comma separated (NULL: none)
//   options          subscription_options <-> options (bit 2 no local, bit 3 retain as published,
//                                             bits 4-5 retain handling: the MQTT 5 options byte
//                                             without the QoS), subscription_id (NULL: none)
//
// The broker's clock is steady and restarts with the process: an expiry is stored as the wall
// time it stands for, read from both clocks when it is stored, and made steady again from both
// clocks when it is loaded.

#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "roost/base/clock.hpp"
#include "roost/broker/subscription_ids.hpp"
#include "roost/broker/subscription_options.hpp"
#include "roost/store/statement.hpp"

namespace roost::store::detail {

// The expires_at value of `expires` (nullopt: never).
inline std::optional<std::int64_t> expiry_column(time_point expires) {
  if (expires == time_point::max()) return std::nullopt;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(expires - clock_type::now());
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch() + left)
      .count();
}

// The expiry an expires_at value stands for now (time_point::max() for NULL).
inline time_point expiry_from(const statement& st, int column) {
  if (st.column_is_null(column)) return time_point::max();
  const auto wall_now = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return clock_type::now() + std::chrono::milliseconds(st.column_int64(column) - wall_now.count());
}

// Binds an optional integer (NULL when absent).
inline void bind_optional(statement& st, int index, std::optional<std::int64_t> value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind_null(index);
  }
}

// The subscription_ids value of `ids` (nullopt: none).
inline std::optional<std::string> ids_column(const broker::subscription_ids& ids) {
  if (ids.empty()) return std::nullopt;
  std::string text;
  for (std::uint32_t id : ids.view()) {
    if (!text.empty()) text += ',';
    text += std::to_string(id);
  }
  return text;
}

// The identifiers of a subscription_ids value ("" or NULL: none; malformed parts are skipped).
inline broker::subscription_ids ids_from(const std::string& text) {
  broker::subscription_ids ids;
  const char* at = text.data();
  const char* end = text.data() + text.size();
  while (at < end) {
    std::uint32_t id = 0;
    const auto [next, ec] = std::from_chars(at, end, id);
    if (ec == std::errc{}) ids.add(id);
    at = next;
    while (at < end && *at != ',') ++at;
    if (at < end) ++at;
  }
  return ids;
}

// The options column of `o`.
inline std::int64_t options_column(const broker::subscription_options& o) {
  return (o.no_local ? 0x04 : 0) | (o.retain_as_published ? 0x08 : 0) | ((o.retain_handling & 0x03) << 4);
}

// A subscription from its qos, options and subscription_id columns (`id` 0: NULL).
inline broker::subscription_options options_from(std::int64_t qos, std::int64_t options, std::int64_t id) {
  broker::subscription_options o;
  o.qos = static_cast<std::uint8_t>(qos);
  o.no_local = (options & 0x04) != 0;
  o.retain_as_published = (options & 0x08) != 0;
  o.retain_handling = static_cast<std::uint8_t>((options >> 4) & 0x03);
  o.identifier = static_cast<std::uint32_t>(id);
  return o;
}

}  // namespace roost::store::detail
