#pragma once
// A tenant: one account of the device cloud, identified by its private key. Every topic, retained
// message and session of the platform belongs to exactly one tenant.
//
//   tenant{.private_key = "9f86d081884c7d659a2feaa0c55ad015", .name = "home",
//          .created_at = 1764105477, .auto_create_topics = true}

#include <cstdint>
#include <optional>
#include <string>

namespace roost::platform {

struct tenant {
  std::int64_t id = 0;       // assigned by the repository; 0 until stored
  std::string private_key;   // 32 lowercase hex characters (see tenant_key.hpp)
  std::string name;          // free text for people, may be empty
  std::int64_t created_at = 0;  // seconds since the Unix epoch (UTC)
  // Whether publishing or subscribing to an unknown topic creates it.
  bool auto_create_topics = true;
  // The "mode B" credential: an appID and the salted hash of its secretKey (tenant_credentials.hpp).
  // Both are set or both are empty; the secretKey itself is never stored.
  std::optional<std::string> app_id;
  std::optional<std::string> secret_hash;
};

}  // namespace roost::platform
