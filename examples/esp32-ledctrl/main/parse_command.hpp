#pragma once
// The commands the LED controller takes on its command topic (`ledctrl`).

#include <string_view>

namespace roost::ledctrl {

enum class command : unsigned char { unknown, on, off };

// "on" or "off", ignoring ASCII case and leading or trailing ASCII whitespace (space, tab, CR,
// LF): "on", "ON", "off\r\n" and " Off " are commands; anything else ("on#50", "toggle", "",
// "o n") is `unknown`, which the application ignores.
command parse_command(std::string_view payload);

}  // namespace roost::ledctrl
