#pragma once
// Topic names and filters: validation and matching as sections 4.7 and 1.5.3 of MQTT 3.1.1 define.

#include <cstddef>
#include <string_view>

#include "roost/mqtt/error.hpp"

namespace roost::mqtt {

// True when `s` is well-formed UTF-8 without U+0000 and without surrogates U+D800..U+DFFF
// [MQTT-1.5.3-1] [MQTT-1.5.3-2]. Length limits are not checked here.
bool valid_utf8(std::string_view s);

// A topic name for PUBLISH: 1..65535 bytes, valid UTF-8, no '+' or '#' [MQTT-3.3.2-2] [MQTT-4.7.3-1].
bool valid_topic_name(std::string_view topic);

// A topic filter for SUBSCRIBE/UNSUBSCRIBE: 1..65535 bytes, valid UTF-8, '#' only as the whole last
// level [MQTT-4.7.1-2], '+' only as a whole level [MQTT-4.7.1-3].
bool valid_topic_filter(std::string_view filter);

// Number of levels ("a/b/c" has 3, "a/" has 2, "/" has 2).
std::size_t topic_levels(std::string_view topic);

// Does `filter` match `topic`? Both must be valid. '#' also matches the parent level ("a/#" matches
// "a"); a filter starting with '+' or '#' does not match a topic starting with '$' [MQTT-4.7.2-1].
bool topic_matches(std::string_view filter, std::string_view topic);

}  // namespace roost::mqtt
