#pragma once
// Text for JSON output. Values come from devices and forms as bytes; a JSON document must be
// UTF-8, so every byte that does not belong to a well-formed UTF-8 sequence (and U+0000) is
// replaced by U+FFFD. Valid text is returned unchanged.
//
//   utf8_text("on#80")        -> "on#80"
//   utf8_text("a\xff" "b")    -> "a\uFFFDb"

#include <string>
#include <string_view>

namespace roost::web {

// `s` with every byte outside a well-formed UTF-8 sequence replaced by U+FFFD.
std::string utf8_text(std::string_view s);

}  // namespace roost::web
