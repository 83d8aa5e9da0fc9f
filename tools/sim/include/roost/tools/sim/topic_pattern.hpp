#pragma once
// topic_pattern: the topic of each device of a fleet, from a pattern such as `light{n}002`.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace roost::tools::sim {

// Every `{n}` in `pattern` replaced by `n` (the device number, 1-based). A pattern without `{n}`
// gives every device the same topic.
std::string expand_topic(std::string_view pattern, std::uint32_t n);

// True when `name` is a device-cloud topic name: 1 to 64 letters, digits, '_' and '-'.
bool valid_topic_name(std::string_view name);

// Why `pattern` cannot name the topics of devices 1..count (an expansion that is not a valid topic
// name, e.g. too long at the largest number), or nothing when it can.
std::optional<std::string> check_topic_pattern(std::string_view pattern, std::uint32_t count);

}  // namespace roost::tools::sim
