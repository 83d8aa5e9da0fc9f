#pragma once
// Access rules as the native API writes and reads them (docs/http-api.md, "Access rules").
//
//   {"tenant": 3, "default": "deny",
//    "rules": [{"action": "allow", "access": "publish", "topic": "devices/%c/#",
//               "user": "alice", "client": "c1", "comment": "# devices write their own tree\n"}]}

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "roost/acl/rule.hpp"
#include "roost/base/result.hpp"
#include "roost/web/http.hpp"

namespace roost::web {

// One rule; `user`, `client` and `comment` only when set.
boost::json::object acl_rule_json(const acl::rule& r);

// A section with its tenant ("broker" for the plain broker, else the tenant's id).
boost::json::object acl_section_json(acl::tenant_id tenant, const acl::section& s);

// A rule from the API's JSON; otherwise the 400 to answer. The filter is checked as in the file.
result<acl::rule, response> acl_rule_from_json(const boost::json::value& v);

// A section's "default" and "rules" from the API's JSON (a missing default is allow); otherwise
// the 400 to answer.
result<acl::section, response> acl_section_from_json(const boost::json::object& o);

}  // namespace roost::web
