// A topic's history, newest first, a page at a time: ?limit=50&before=<time_ms>.
//
// Paging is by time: a page holds entries older than `before`, and next_before is the time of its
// last entry. So that entries sharing that millisecond are not split across two pages (the next
// page asks for older ones only), a page that would end inside such a group ends before it,
// unless the group fills the whole page.

#include <boost/json/array.hpp>
#include <optional>

#include "native_handlers.hpp"
#include "native_json.hpp"
#include "params.hpp"
#include "replies.hpp"
#include "roost/platform/topic_registry.hpp"
#include "utf8_text.hpp"

namespace roost::web {
namespace {

constexpr std::int64_t default_limit = 50;
constexpr std::int64_t max_limit = 1000;

}  // namespace

void handle_history(const request& r, respond done, route_context& ctx, const topic_address& a) {
  if (!is_read(r)) return done(method_not_allowed(r.method, "GET"));
  const param_map query = parse_urlencoded(r.query);
  std::int64_t limit = default_limit;
  if (auto text = param(query, "limit")) {
    auto v = parse_int(*text);
    if (!v || *v < 1 || *v > max_limit) return done(error_reply(400, "bad_request", "limit must be 1 to 1000"));
    limit = *v;
  }
  std::optional<std::int64_t> before;
  if (auto text = param(query, "before")) {
    before = parse_int(*text);
    if (!before) return done(error_reply(400, "bad_request", "before must be a time in Unix milliseconds"));
  }
  const auto found = ctx.svc.topics.find(a.scope(), a.name);
  if (!found) return done(no_such_topic(a));

  const auto& history = found->history;  // oldest first
  auto newest = history.rbegin();
  while (newest != history.rend() && before && newest->time_ms >= *before) ++newest;
  auto end = newest;
  while (end != history.rend() && end - newest < limit) ++end;
  const bool more = end != history.rend();
  if (more) {
    // Do not split the millisecond of the page's last entry across two pages.
    auto cut = end;
    while (cut != newest && (cut - 1)->time_ms == end->time_ms) --cut;
    if (cut != newest) end = cut;
  }
  boost::json::array items;
  for (auto it = newest; it != end; ++it) {
    items.push_back(boost::json::object{{"value", utf8_text(it->value)}, {"time_ms", it->time_ms}});
  }
  boost::json::value next = nullptr;
  if (more && end != newest) next = (end - 1)->time_ms;
  done(native_reply(200, boost::json::object{{"items", std::move(items)}, {"next_before", std::move(next)}}));
}

}  // namespace roost::web
