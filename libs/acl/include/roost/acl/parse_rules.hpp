#pragma once
// The rule file's text to a rule_set and back (syntax: docs/acl.md).
//
//   parse_rules("allow publish a/#\nfrobnicate\n", "acl.conf")
//     -> error "acl.conf:2: expected allow, deny, default or [section], got 'frobnicate'"
//
// Parsing is all or nothing: one bad line fails the whole text, so a reload never runs with a
// rule silently missing. format_rules writes a text that parses back to an equal rule_set.

#include <cstddef>
#include <string>
#include <string_view>

#include "roost/acl/rule.hpp"
#include "roost/base/result.hpp"

namespace roost::acl {

struct parse_error {
  std::string source;    // the file name, or "" when none was given
  std::size_t line = 0;  // 1-based; 0 when the error is not about one line
  std::string reason;

  // "source:line: reason" (parts that are unknown left out).
  std::string to_string() const;
};

// Parses a rule file's text. `source` names it in errors.
result<rule_set, parse_error> parse_rules(std::string_view text, std::string_view source = {});

// Checks one rule as the API receives it (filter valid with %c/%u, names without control
// characters). Returns the reason it is refused, or "" when it is fine.
std::string check_rule(const rule& r);

// The text of `rules` in the file syntax: sections in tenant order, comments kept.
std::string format_rules(const rule_set& rules);

// The name of an effect or access as the file writes it ("allow", "subscribe", ...).
std::string_view to_string(effect e);
std::string_view to_string(access a);

}  // namespace roost::acl
