// Reading the rule file (syntax: docs/acl.md).

#include "roost/acl/parse_rules.hpp"

#include <charconv>
#include <vector>

#include "roost/mqtt/topic.hpp"

namespace roost::acl {
namespace {

constexpr std::string_view spaces = " \t\r";

// One whitespace-separated word, or a double-quoted one (\" and \\ inside).
struct token {
  std::string text;
};

// Splits `line` into tokens (a comment is a whole line starting with '#', so a '#' inside a rule
// is a filter's wildcard). Returns the reason when the quoting is broken.
std::string tokenize(std::string_view line, std::vector<token>& out) {
  std::size_t i = 0;
  while (true) {
    i = line.find_first_not_of(spaces, i);
    if (i == std::string_view::npos) return {};
    token t;
    if (line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        const char c = line[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < line.size() && (line[i] == '"' || line[i] == '\\')) {
          t.text += line[i++];
        } else {
          t.text += c;
        }
      }
      if (!closed) return "unterminated quote";
      if (i < line.size() && spaces.find(line[i]) == std::string_view::npos) return "expected a space after a quote";
    } else {
      const auto end = line.find_first_of(spaces, i);
      t.text = std::string(line.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
      i = end == std::string_view::npos ? line.size() : end;
    }
    out.push_back(std::move(t));
  }
}

bool has_control(std::string_view s) {
  for (const unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::optional<access> parse_access(std::string_view s) {
  if (s == "publish") return access::publish;
  if (s == "subscribe") return access::subscribe;
  if (s == "both") return access::both;
  return std::nullopt;
}

std::optional<effect> parse_effect(std::string_view s) {
  if (s == "allow") return effect::allow;
  if (s == "deny") return effect::deny;
  return std::nullopt;
}

// "[broker]" or "[tenant N]" (N >= 1); the reason it is wrong otherwise.
std::string parse_header(std::string_view line, tenant_id& out) {
  auto trimmed = line.substr(line.find_first_not_of(spaces));
  trimmed = trimmed.substr(0, trimmed.find_last_not_of(spaces) + 1);
  if (trimmed.size() < 2 || trimmed.back() != ']') return "a section header is [broker] or [tenant N]";
  std::string_view inside = trimmed.substr(1, trimmed.size() - 2);
  std::vector<token> words;
  if (auto bad = tokenize(inside, words); !bad.empty()) return bad;
  if (words.size() == 1 && words[0].text == "broker") {
    out = broker_tenant;
    return {};
  }
  if (words.size() == 2 && words[0].text == "tenant") {
    const auto& n = words[1].text;
    tenant_id id = 0;
    const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), id);
    if (ec == std::errc{} && end == n.data() + n.size() && id >= 1) {
      out = id;
      return {};
    }
    return "a tenant is a number from 1 up, got '" + n + "'";
  }
  return "a section header is [broker] or [tenant N]";
}

// A rule from its tokens: ACTION ACCESS FILTER [user NAME] [client ID].
std::string parse_rule(const std::vector<token>& words, effect action, rule& out) {
  if (words.size() < 3) return "a rule is: allow|deny publish|subscribe|both FILTER [user NAME] [client ID]";
  const auto on = parse_access(words[1].text);
  if (!on) return "expected publish, subscribe or both, got '" + words[1].text + "'";
  out.action = action;
  out.on = *on;
  out.filter = words[2].text;
  for (std::size_t i = 3; i < words.size(); i += 2) {
    const auto& key = words[i].text;
    if (key != "user" && key != "client") return "expected user or client, got '" + key + "'";
    if (i + 1 >= words.size()) return key + " needs a value";
    auto& slot = key == "user" ? out.user : out.client;
    if (slot) return key + " given twice";
    slot = words[i + 1].text;
  }
  return check_rule(out);
}

}  // namespace

std::string parse_error::to_string() const {
  std::string out = source;
  if (!out.empty() && line != 0) out += ":" + std::to_string(line);
  if (out.empty() && line != 0) out = "line " + std::to_string(line);
  if (!out.empty()) out += ": ";
  return out + reason;
}

std::string check_rule(const rule& r) {
  if (r.filter.empty()) return "the topic filter is empty";
  if (!mqtt::valid_topic_filter(r.filter)) return "'" + r.filter + "' is not a valid topic filter";
  if (r.user && (r.user->empty() || has_control(*r.user))) return "a user name must be non-empty text";
  if (r.client && (r.client->empty() || has_control(*r.client))) return "a client id must be non-empty text";
  if (has_control(r.filter)) return "a topic filter must not hold control characters";
  return {};
}

result<rule_set, parse_error> parse_rules(std::string_view text, std::string_view source) {
  rule_set out;
  section* current = &out.sections[broker_tenant];
  bool broker_used = false;  // the implicit [broker] section got a rule, a default or a comment
  std::string pending;       // comment lines waiting for the rule or header after them
  std::size_t number = 0;
  auto failure = [&](std::string reason) {
    return fail(parse_error{std::string(source), number, std::move(reason)});
  };
  while (!text.empty()) {
    ++number;
    const auto nl = text.find('\n');
    const std::string_view raw = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    const auto first = line.find_first_not_of(spaces);
    if (first == std::string_view::npos || line[first] == '#') {
      pending += std::string(raw) + "\n";  // kept as written, for the file written back
      continue;
    }
    if (line[first] == '[') {
      tenant_id id = 0;
      if (auto bad = parse_header(line, id); !bad.empty()) return failure(bad);
      if (out.sections.contains(id) && (id != broker_tenant || broker_used)) {
        return failure("section " + std::string(line.substr(first)) + " appears twice");
      }
      current = &out.sections[id];
      current->comment = std::move(pending);
      pending.clear();
      if (id == broker_tenant) broker_used = true;
      continue;
    }
    std::vector<token> words;
    if (auto bad = tokenize(line, words); !bad.empty()) return failure(bad);
    if (words[0].text == "default") {
      if (words.size() != 2 || !parse_effect(words[1].text)) return failure("expected: default allow|deny");
      current->fallback = *parse_effect(words[1].text);
      if (current == &out.sections[broker_tenant]) broker_used = true;
      if (!pending.empty()) current->comment += std::exchange(pending, {});
      continue;
    }
    const auto action = parse_effect(words[0].text);
    if (!action) return failure("expected allow, deny, default or [section], got '" + words[0].text + "'");
    rule r;
    if (auto bad = parse_rule(words, *action, r); !bad.empty()) return failure(bad);
    r.comment = std::move(pending);
    pending.clear();
    current->rules.push_back(std::move(r));
    if (current == &out.sections[broker_tenant]) broker_used = true;
  }
  out.trailer = std::move(pending);
  if (!broker_used) out.sections.erase(broker_tenant);
  return out;
}

}  // namespace roost::acl
