#pragma once
// The native API's JSON shapes of topics and tenants (docs/openapi.json: Topic, Tenant).
//
//   topic_json(mqtt, {name "light002", display "Kitchen", latest {"on", 1764105477123}, online 1})
//     -> {"namespace":"mqtt","name":"light002","display_name":"Kitchen","type":"light",
//         "type_code":"002","value":"on","time_ms":1764105477123,"online":1}

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "roost/platform/cloud_scope.hpp"
#include "roost/platform/tenant_record.hpp"
#include "roost/platform/topic_store.hpp"

namespace roost::web {

// "mqtt" or "tcp".
std::string_view namespace_name(platform::cloud_namespace ns);

// The namespace named "mqtt" or "tcp"; nullopt for anything else.
std::optional<platform::cloud_namespace> parse_namespace(std::string_view name);

// A topic of namespace `ns`. `type` is the device type's name and `type_code` its three digits
// ("" for both when the name gives none); `value` and `time_ms` are null before the first message.
boost::json::object topic_json(platform::cloud_namespace ns, const platform::topic_record& r);

// A tenant as GET /api/v1/me shows it: id, name, created_at, auto_create_topics (no key).
boost::json::object tenant_json(const platform::tenant& t);

}  // namespace roost::web
