// The matcher: first matching rule of a section decides (see check_access.hpp).

#include "roost/acl/check_access.hpp"

#include <string>

#include "roost/mqtt/topic.hpp"

namespace roost::acl {
namespace {

// Reads `s` one level at a time.
class levels {
 public:
  explicit levels(std::string_view s) : _rest(s) {}
  bool done() const { return _done; }
  std::string_view next() {
    const auto slash = _rest.find('/');
    const std::string_view level = _rest.substr(0, slash);
    if (slash == std::string_view::npos) {
      _done = true;
      _rest = {};
    } else {
      _rest.remove_prefix(slash + 1);
    }
    return level;
  }

 private:
  std::string_view _rest;
  bool _done = false;
};

bool is_wildcard(std::string_view level) { return level == "+" || level == "#"; }

// Whether `value` can stand in a topic level.
bool fits_in_level(std::string_view value) { return value.find_first_of("+#/") == std::string_view::npos; }

// `filter` with %c and %u filled in, into `out`; false when the rule must be skipped. A level that
// cannot be filled in becomes '+' in a deny rule (see check_access.hpp).
bool substitute(const rule& r, const subject& who, std::string& out) {
  out.clear();
  levels in{r.filter};
  bool first = true;
  while (!in.done()) {
    const std::string_view level = in.next();
    if (!first) out += '/';
    first = false;
    if (level.find('%') == std::string_view::npos) {
      out += level;
      continue;
    }
    std::string filled;
    bool ok = true;
    for (std::size_t i = 0; i < level.size(); ++i) {
      if (level[i] == '%' && i + 1 < level.size() && (level[i + 1] == 'c' || level[i + 1] == 'u')) {
        const bool client = level[++i] == 'c';
        if (!client && !who.username) {
          ok = false;
          break;
        }
        const std::string_view value = client ? who.client_id : *who.username;
        if (value.empty() || !fits_in_level(value)) {
          ok = false;
          break;
        }
        filled += value;
      } else {
        filled += level[i];
      }
    }
    if (!ok && r.action == effect::allow) return false;
    out += ok ? std::string_view{filled} : std::string_view{"+"};
  }
  return true;
}

bool applies_to(const rule& r, const subject& who, access action) {
  if (!covers(r.on, action)) return false;
  if (r.user && (!who.username || *r.user != *who.username)) return false;
  if (r.client && *r.client != who.client_id) return false;
  return true;
}

// The first rule about `action` for `who` whose (filled-in) filter satisfies `matches`.
template <class Matches>
effect decide(const section& s, const subject& who, access action, Matches matches) {
  thread_local std::string filled;
  for (const rule& r : s.rules) {
    if (!applies_to(r, who, action)) continue;
    std::string_view filter = r.filter;
    if (filter.find('%') != std::string_view::npos) {
      if (!substitute(r, who, filled)) continue;
      filter = filled;
    }
    if (matches(filter)) return r.action;
  }
  return s.fallback;
}

}  // namespace

effect check_topic(const section& s, const subject& who, access action, std::string_view topic) {
  return decide(s, who, action, [topic](std::string_view filter) { return mqtt::topic_matches(filter, topic); });
}

effect check_subscribe(const section& s, const subject& who, std::string_view filter) {
  return decide(s, who, access::subscribe,
                [filter](std::string_view rule_filter) { return filter_covers(rule_filter, filter); });
}

bool filter_covers(std::string_view outer, std::string_view inner) {
  levels o{outer};
  levels i{inner};
  bool first = true;
  while (true) {
    const std::string_view ol = o.next();
    const std::string_view il = i.next();
    // A filter starting with a wildcard matches no topic starting with '$' [MQTT-4.7.2-1].
    if (first && is_wildcard(ol) && !il.empty() && il.front() == '$') return false;
    first = false;
    if (ol == "#") return true;
    if (il == "#") return false;
    if (il == "+" ? ol != "+" : ol != "+" && ol != il) return false;
    if (i.done()) {
      if (o.done()) return true;
      return o.next() == "#" && o.done();  // "a/#" matches "a" too
    }
    if (o.done()) return false;
  }
}

bool screens_deliveries(const section& s) {
  if (s.fallback == effect::deny) return true;
  for (const rule& r : s.rules) {
    if (r.action == effect::deny && covers(r.on, access::subscribe)) return true;
  }
  return false;
}

}  // namespace roost::acl
