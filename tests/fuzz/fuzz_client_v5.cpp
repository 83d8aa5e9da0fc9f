// The client-side MQTT 5 decoders (what `roost bench` reads from a broker) on arbitrary bodies.
//
// Input layout: [fixed-header byte] [body...]. Every MQTT 5 packet a client reads is tried on the
// body, properties included; each must decode or fail with an error, never crash or read out of
// bounds. A PUBLISH that decodes must keep its topic and payload inside the body.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "roost/mqtt/decode.hpp"

using namespace roost::mqtt;

namespace {

bool inside(const std::uint8_t* p, std::size_t n, const std::vector<std::uint8_t>& body) {
  if (n == 0) return true;
  return p >= body.data() && p + n <= body.data() + body.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  // The body in its own allocation, so reading one byte past it is caught.
  const std::vector<std::uint8_t> body(data + 1, data + size);
  const frame f{data[0], body};
  const protocol_version v5 = protocol_version::v5;
  (void)decode_connack(f, v5);
  (void)decode_connack_properties(f);
  (void)decode_suback(f, v5);
  (void)decode_suback_view(f, v5);
  (void)decode_puback(f, v5);
  (void)decode_pubrec(f, v5);
  (void)decode_pubrel(f, v5);
  (void)decode_pubcomp(f, v5);
  (void)ack_reason_code(f);
  if (auto p = decode_publish(f, v5)) {
    const auto* topic = reinterpret_cast<const std::uint8_t*>(p->topic.data());
    if (!inside(topic, p->topic.size(), body) || !inside(p->payload.data(), p->payload.size(), body)) std::abort();
  }
  return 0;
}
