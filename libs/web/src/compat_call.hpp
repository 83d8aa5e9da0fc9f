#pragma once
// The checks every request of the compatible API starts with, in this order: the method (GET or
// POST), the body size, the parameters (a body that claims JSON must be an object), the rate
// limit, the private key (`uid`), the namespace (`type`) and the topic. The first that fails
// gives the reply; otherwise the request's tenant, namespace and topic.
//
//   GET /va/getmsg?uid=K&topic=led002&type=3
//     -> compat_call{tenant K, ns tcp, scope_of(K, tcp), topic "led002"}
//   GET /va/getmsg?uid=K&topic=led002&type=9
//     -> {"code":10002,"message":"type must be 1, 3, 5 or 7"}

#include <optional>
#include <string>
#include <string_view>

#include "params.hpp"
#include "roost/base/result.hpp"
#include "roost/broker/scope.hpp"
#include "roost/platform/cloud_scope.hpp"
#include "roost/platform/tenant_record.hpp"
#include "roost/platform/topic_store.hpp"
#include "roost/web/http.hpp"
#include "router.hpp"

namespace roost::web {

// What the `topic` parameter must be.
enum class topic_rule {
  none,     // not used
  bare,     // a topic name: letters, digits, '_' and '-', 1 to 64 characters
  publish,  // a topic name, optionally with "/set" or "/up"
};

struct compat_target {
  topic_rule topic = topic_rule::bare;
  // The namespace when the path names it (the legacy /api/device/v1/data/<type>/); otherwise the
  // `type` parameter's, MQTT when it is missing or empty.
  std::optional<platform::cloud_namespace> ns;
};

struct compat_call {
  param_map params;
  platform::tenant tenant;
  platform::cloud_namespace ns = platform::cloud_namespace::mqtt;
  broker::scope_id scope = 0;
  std::string topic;  // as checked by the target's rule; "" for topic_rule::none
};

// Runs the checks above. Rate limit: one token per request from the key's bucket when `uid` has
// the form of a private key, else from the client address's; a well-formed key that is no
// tenant's takes a second token from the address's bucket, so guessing keys is limited per client.
result<compat_call, response> begin_call(route_context& ctx, const request& r, const compat_target& target);

// The parameter `name`, or the 10002 reply saying it is missing.
result<std::string_view, response> required_param(const compat_call& call, std::string_view name);

// The record of `call.topic` in `call.scope`, or the 40004 reply (the wrong-key text).
result<platform::topic_record, response> find_topic(route_context& ctx, const compat_call& call);

}  // namespace roost::web
