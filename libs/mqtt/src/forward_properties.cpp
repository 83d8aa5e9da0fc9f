// The properties of a received MQTT 5 PUBLISH (or will) that a server passes on unchanged to
// subscribers [MQTT-3.3.2-12..13] [MQTT-3.3.2-17..20]: payload format indicator, content type,
// response topic, correlation data and user properties, byte for byte and in order.

#include <algorithm>

#include "property_scan.hpp"

namespace roost::mqtt {
namespace {

bool forwarded(std::uint8_t id) {
  namespace pid = property_id;
  return id == pid::payload_format_indicator || id == pid::content_type ||
         id == pid::response_topic || id == pid::correlation_data || id == pid::user_property;
}

// The bytes a property with identifier `id` takes after its identifier, starting at `at`.
std::size_t value_size(std::uint8_t id, byte_view at) {
  const auto field = [&](std::size_t from) {
    return from + 2 > at.size() ? at.size() : from + 2 + ((at[from] << 8) | at[from + 1]);
  };
  switch (form_of_property(id)) {
    case property_form::byte: return 1;
    case property_form::two_bytes: return 2;
    case property_form::four_bytes: return 4;
    case property_form::variable_int: {
      std::size_t n = 0;
      while (n < at.size() && (at[n] & 0x80) != 0) ++n;
      return n + 1;
    }
    case property_form::utf8:
    case property_form::binary: return field(0);
    case property_form::utf8_pair: return field(field(0));
    case property_form::unknown: break;
  }
  return at.size();  // not a checked block: stop here
}

}  // namespace

void forwarded_properties(byte_view publish_properties, bytes& out) {
  std::size_t i = 0;
  while (i < publish_properties.size()) {
    const std::uint8_t id = publish_properties[i];
    const byte_view rest = publish_properties.subspan(i + 1);
    const std::size_t size = std::min(value_size(id, rest), rest.size());
    if (forwarded(id)) out.insert(out.end(), publish_properties.begin() + i, rest.begin() + size);
    i += 1 + size;
  }
}

}  // namespace roost::mqtt
