#include "content_negotiation.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <charconv>

namespace roost::web {
namespace {

constexpr std::string_view whitespace = " \t";

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(whitespace);
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(whitespace);
  return s.substr(first, last - first + 1);
}

// Calls `f(part)` for each trimmed, non-empty part of a comma-separated header value.
template <typename F>
void for_each_item(std::string_view list, F f) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view item = trim(list.substr(0, comma));
    if (!item.empty()) f(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

// The q parameter of "gzip;q=0.5" (1 without one; 0 when malformed, to be safe).
double quality(std::string_view params) {
  double q = 1;
  while (!params.empty()) {
    const auto semi = params.find(';');
    const std::string_view p = trim(params.substr(0, semi));
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      const std::string_view v = trim(p.substr(2));
      q = 0;
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), q);
      if (ec != std::errc{} || end != v.data() + v.size()) q = 0;
    }
    if (semi == std::string_view::npos) break;
    params.remove_prefix(semi + 1);
  }
  return q;
}

std::string_view opaque_tag(std::string_view tag) {
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  return tag;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  int gzip = -1;  // -1 not named, 0 refused, 1 accepted
  int any = -1;
  for_each_item(accept_encoding, [&](std::string_view item) {
    const auto semi = item.find(';');
    const std::string_view coding = trim(item.substr(0, semi));
    const bool ok = quality(semi == std::string_view::npos ? std::string_view{} : item.substr(semi + 1)) > 0;
    if (boost::algorithm::iequals(coding, "gzip") || boost::algorithm::iequals(coding, "x-gzip")) {
      gzip = ok ? 1 : 0;
    } else if (coding == "*") {
      any = ok ? 1 : 0;
    }
  });
  return gzip == 1 || (gzip == -1 && any == 1);
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  bool match = false;
  for_each_item(if_none_match, [&](std::string_view tag) {
    if (tag == "*" || opaque_tag(tag) == opaque_tag(etag)) match = true;
  });
  return match;
}

}  // namespace roost::web
