// Writing a rule set back in the file syntax (the API's changes are saved this way).

#include "roost/acl/parse_rules.hpp"

namespace roost::acl {
namespace {

// A token as the file writes it: quoted when it is empty or holds a space, a quote or a backslash.
std::string quoted(std::string_view s) {
  const bool plain = !s.empty() &&
                     s.find_first_of(" \t\r\"\\") == std::string_view::npos;
  if (plain) return std::string(s);
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void append_rule(const rule& r, std::string& out) {
  out += r.comment;
  out += to_string(r.action);
  out += r.action == effect::allow ? " " : "  ";
  const auto on = to_string(r.on);
  out += on;
  out.append(10 - on.size(), ' ');
  out += quoted(r.filter);
  if (r.user) out += " user " + quoted(*r.user);
  if (r.client) out += " client " + quoted(*r.client);
  out += '\n';
}

}  // namespace

std::string_view to_string(effect e) { return e == effect::allow ? "allow" : "deny"; }

std::string_view to_string(access a) {
  switch (a) {
    case access::publish:
      return "publish";
    case access::subscribe:
      return "subscribe";
    case access::both:
      return "both";
  }
  return "both";
}

std::string format_rules(const rule_set& rules) {
  std::string out;
  for (const auto& [tenant, s] : rules.sections) {
    out += s.comment;
    out += tenant == broker_tenant ? std::string("[broker]") : "[tenant " + std::to_string(tenant) + "]";
    out += '\n';
    if (s.fallback == effect::deny) out += "default deny\n";
    for (const auto& r : s.rules) append_rule(r, out);
  }
  out += rules.trailer;
  return out;
}

}  // namespace roost::acl
