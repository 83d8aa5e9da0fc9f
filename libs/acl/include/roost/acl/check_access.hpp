#pragma once
// Deciding one action against one section's rules: the first rule that matches decides, else the
// section's default.
//
//   publish "devices/s1/temp" by client "s1"       rule "allow publish devices/%c/#" -> allow
//   subscribe "devices/#" by client "s1"           rule "allow subscribe devices/+/x" -> no match
//
// A rule matches a publish (or a delivery) when the topic matches its filter, and a SUBSCRIBE
// when its filter covers the whole requested filter (every topic the subscription can match, the
// rule's filter matches too). %c and %u are replaced by the client id and user name; when that is
// impossible (no user name, or a value holding '+', '#' or '/'), an allow rule is skipped and, in
// a deny rule, the level holding it becomes '+' (so a deny never opens a gap).

#include <optional>
#include <string_view>

#include "roost/acl/rule.hpp"

namespace roost::acl {

// Who acts.
struct subject {
  std::string_view client_id;
  std::optional<std::string_view> username;
};

// The verdict for publishing to `topic`, or receiving a message published to it (access
// subscribe). `topic` is a topic name.
effect check_topic(const section& s, const subject& who, access action, std::string_view topic);

// The verdict for subscribing to `filter` (a valid topic filter).
effect check_subscribe(const section& s, const subject& who, std::string_view filter);

// Whether every topic `inner` can match is matched by `outer` (both valid filters).
bool filter_covers(std::string_view outer, std::string_view inner);

// Whether the section can deny a delivery at all (it has a rule about subscribe, or denies by
// default); when it cannot, deliveries need no check.
bool screens_deliveries(const section& s);

}  // namespace roost::acl
