#pragma once
// Request parameters as the compatible API takes them: from the query string, a form-urlencoded
// body and a JSON object body, merged (body over query). JSON scalars become their text
// (true -> "true", 3 -> "3"); nested values their JSON text.
//
//   POST /va/postmsg?type=1  body {"uid":"K","topic":"t","msg":"on"}
//     -> {type: "1", uid: "K", topic: "t", msg: "on"}

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "roost/base/result.hpp"
#include "roost/web/http.hpp"

namespace roost::web {

using param_map = std::map<std::string, std::string, std::less<>>;

// Decodes %XX escapes and, when `plus_is_space`, '+' (forms and query strings). Invalid escapes
// are kept as they are.
std::string percent_decode(std::string_view s, bool plus_is_space = true);

// Parses "a=1&b=two" (percent-decoded; a key without '=' gets "").
param_map parse_urlencoded(std::string_view s);

// The merged parameters; an error text when the body claims JSON and is not a JSON object.
result<param_map, std::string> request_params(const request& r);

// The parameter or nullopt.
std::optional<std::string_view> param(const param_map& p, std::string_view name);

// The whole of `text` as a decimal integer ("-5", "42"), or nullopt: empty, out of range, or
// anything else in it ("+5", " 5", "5x").
std::optional<std::int64_t> parse_int(std::string_view text);

}  // namespace roost::web
