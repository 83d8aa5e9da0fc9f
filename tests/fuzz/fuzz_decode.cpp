// Every packet decoder on arbitrary bodies, without the frame decoder in front.
//
// Input layout: [fixed-header byte] [version selector] [body...]. The selector's bit 1 picks MQTT 5,
// else its low bit picks MQTT 3.1.1 or 3.1. A decoded packet must re-encode to the same body and
// decode the same again
// (see round_trip.hpp); anything else must fail with an error, never crash or read out of bounds.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "round_trip.hpp"

using namespace roost::mqtt;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const protocol_version v = (data[1] & 2)   ? protocol_version::v5
                             : (data[1] & 1) ? protocol_version::v3_1
                                             : protocol_version::v3_1_1;
  // The body in its own allocation, so reading one byte past it is caught.
  const std::vector<std::uint8_t> body(data + 2, data + size);
  const frame f{data[0], body};
  fuzz::decode_and_round_trip(f, v);
  if (v == protocol_version::v5) fuzz::check_v5_views(f);
  return 0;
}
