#pragma once
// Reading the request headers that choose a representation and make a request conditional.
//
//   accepts_gzip("gzip, deflate, br")        -> true
//   accepts_gzip("gzip;q=0, identity")       -> false
//   etag_matches("W/\"a\", \"b\"", "\"b\"")  -> true

#include <string_view>

namespace roost::web {

// True when an Accept-Encoding value admits gzip: "gzip" (or "x-gzip", or "*" when gzip is not
// named) with a quality above zero. Names are case-insensitive; malformed parts are skipped.
bool accepts_gzip(std::string_view accept_encoding);

// True when an If-None-Match value ("*" or a comma-separated list of entity tags, weak or
// strong) matches `etag` (quoted, as sent in ETag) by the weak comparison of RFC 9110.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace roost::web
