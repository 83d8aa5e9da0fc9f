#pragma once
// Access rules: who may publish to, or subscribe to, which topics. A rule set has one section per
// tenant (tenant 0 is the plain MQTT broker); a tenant's rules are never consulted for another
// tenant's clients. Inside a section the first rule that matches decides; when none does, the
// section's default does (allow unless it says otherwise). Syntax and meaning: docs/acl.md.
//
//   [broker]
//   default deny
//   allow publish   devices/%c/#
//   allow subscribe devices/+/status  user operator
//   deny  both      secret/#          client legacy-1

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace roost::acl {

enum class effect : std::uint8_t { allow, deny };

// What a rule is about; `both` covers publish and subscribe.
enum class access : std::uint8_t { publish = 1, subscribe = 2, both = 3 };

// Whether a rule about `rule_access` applies to an action of kind `action` (publish or subscribe).
constexpr bool covers(access rule_access, access action) {
  return (static_cast<std::uint8_t>(rule_access) & static_cast<std::uint8_t>(action)) != 0;
}

// One line of the rule file.
struct rule {
  effect action = effect::allow;
  access on = access::both;
  std::string filter;                 // a topic filter; %c and %u stand for the client id and user name
  std::optional<std::string> user;    // applies only to clients with this user name
  std::optional<std::string> client;  // applies only to the client with this id
  std::string comment;                // comment lines written right before it, '#' included, one per line

  bool operator==(const rule&) const = default;
};

// The tenant a section is about; 0 is the plain MQTT broker.
using tenant_id = std::int64_t;
inline constexpr tenant_id broker_tenant = 0;

// The rules of one tenant, in order.
struct section {
  effect fallback = effect::allow;  // when no rule matches
  std::vector<rule> rules;
  std::string comment;  // comment lines right before the section's header

  bool operator==(const section&) const = default;
};

// Every section, by tenant. Immutable once shared (see rule_store).
struct rule_set {
  std::map<tenant_id, section> sections;
  std::string trailer;  // comment lines after the last rule, kept when the file is rewritten

  // The section of `tenant`, or null when it has none (everything allowed).
  const section* find(tenant_id tenant) const {
    const auto it = sections.find(tenant);
    return it == sections.end() ? nullptr : &it->second;
  }
  bool operator==(const rule_set&) const = default;
};

}  // namespace roost::acl
