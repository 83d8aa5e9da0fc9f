#include "acl_json.hpp"

#include <boost/json/array.hpp>
#include <optional>
#include <string>

#include "replies.hpp"
#include "roost/acl/parse_rules.hpp"

namespace roost::web {
namespace {

response bad(std::string message) { return error_reply(400, "bad_request", message); }

// The string member `key` of `o`: nullopt when absent or null, or the reason it is refused.
result<std::optional<std::string>, std::string> optional_string(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<std::string>{};
  if (!v->is_string()) return fail(std::string(key) + " must be a string");
  return std::optional<std::string>{std::string(v->get_string())};
}

// `text` as comment lines of the file (each starting with '#'); "" when it holds a carriage return.
std::string comment_lines(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line.find('\r') != std::string_view::npos) return {};
    out += line.starts_with('#') ? std::string(line) : "# " + std::string(line);
    out += '\n';
  }
  return out;
}

// The rule `v` describes, or the reason it is refused.
result<acl::rule, std::string> rule_from(const boost::json::value& v) {
  const auto* o = v.if_object();
  if (o == nullptr) return fail(std::string("a rule must be a JSON object"));
  acl::rule r;
  auto action = optional_string(*o, "action");
  auto on = optional_string(*o, "access");
  auto topic = optional_string(*o, "topic");
  auto user = optional_string(*o, "user");
  auto client = optional_string(*o, "client");
  auto comment = optional_string(*o, "comment");
  for (const auto* field : {&action, &on, &topic, &user, &client, &comment}) {
    if (!*field) return fail(field->error());
  }
  if (*action == "allow" || *action == "deny") {
    r.action = *action == "allow" ? acl::effect::allow : acl::effect::deny;
  } else {
    return fail(std::string("action must be \"allow\" or \"deny\""));
  }
  if (*on == "publish") {
    r.on = acl::access::publish;
  } else if (*on == "subscribe") {
    r.on = acl::access::subscribe;
  } else if (*on == "both") {
    r.on = acl::access::both;
  } else {
    return fail(std::string("access must be \"publish\", \"subscribe\" or \"both\""));
  }
  if (!*topic) return fail(std::string("topic is required"));
  r.filter = std::move(**topic);
  r.user = std::move(*user);
  r.client = std::move(*client);
  if (*comment && !(*comment)->empty()) {
    r.comment = comment_lines(**comment);
    if (r.comment.empty()) return fail(std::string("comment must not hold carriage returns"));
  }
  if (auto refused = acl::check_rule(r); !refused.empty()) return fail(refused);
  return r;
}

}  // namespace

boost::json::object acl_rule_json(const acl::rule& r) {
  boost::json::object o;
  o["action"] = acl::to_string(r.action);
  o["access"] = acl::to_string(r.on);
  o["topic"] = r.filter;
  if (r.user) o["user"] = *r.user;
  if (r.client) o["client"] = *r.client;
  if (!r.comment.empty()) o["comment"] = r.comment;
  return o;
}

boost::json::object acl_section_json(acl::tenant_id tenant, const acl::section& s) {
  boost::json::array rules;
  for (const auto& r : s.rules) rules.push_back(acl_rule_json(r));
  boost::json::object o;
  if (tenant == acl::broker_tenant) {
    o["tenant"] = "broker";
  } else {
    o["tenant"] = tenant;
  }
  o["default"] = acl::to_string(s.fallback);
  o["rules"] = std::move(rules);
  return o;
}

result<acl::rule, response> acl_rule_from_json(const boost::json::value& v) {
  auto r = rule_from(v);
  if (!r) return fail(bad(r.error()));
  return std::move(*r);
}

result<acl::section, response> acl_section_from_json(const boost::json::object& o) {
  acl::section s;
  auto fallback = optional_string(o, "default");
  if (!fallback) return fail(bad(fallback.error()));
  if (*fallback == "deny") {
    s.fallback = acl::effect::deny;
  } else if (*fallback && **fallback != "allow") {
    return fail(bad("default must be \"allow\" or \"deny\""));
  }
  const auto* rules = o.if_contains("rules");
  if (rules != nullptr && !rules->is_null()) {
    if (!rules->is_array()) return fail(bad("rules must be an array"));
    for (std::size_t i = 0; i < rules->get_array().size(); ++i) {
      auto r = rule_from(rules->get_array()[i]);
      if (!r) return fail(bad("rule " + std::to_string(i) + ": " + r.error()));
      s.rules.push_back(std::move(*r));
    }
  }
  return s;
}

}  // namespace roost::web
