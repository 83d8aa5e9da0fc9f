#include "topic_json.hpp"

#include <cstdio>
#include <string>

#include "utf8_text.hpp"

namespace roost::web {

std::string_view namespace_name(platform::cloud_namespace ns) {
  return ns == platform::cloud_namespace::tcp ? "tcp" : "mqtt";
}

std::optional<platform::cloud_namespace> parse_namespace(std::string_view name) {
  if (name == "mqtt") return platform::cloud_namespace::mqtt;
  if (name == "tcp") return platform::cloud_namespace::tcp;
  return std::nullopt;
}

boost::json::object topic_json(platform::cloud_namespace ns, const platform::topic_record& r) {
  std::string code;
  if (r.type != platform::device_type::none) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%03u", static_cast<unsigned>(r.type));
    code = digits;
  }
  boost::json::object o{
      {"namespace", namespace_name(ns)},
      {"name", r.name},
      {"display_name", utf8_text(r.display_name)},
      {"type", platform::to_string(r.type)},
      {"type_code", code},
      {"value", nullptr},
      {"time_ms", nullptr},
      {"online", r.online},
  };
  if (r.latest) {
    o["value"] = utf8_text(r.latest->value);
    o["time_ms"] = r.latest->time_ms;
  }
  return o;
}

boost::json::object tenant_json(const platform::tenant& t) {
  return {{"id", t.id},
          {"name", utf8_text(t.name)},
          {"created_at", t.created_at},
          {"auto_create_topics", t.auto_create_topics}};
}

}  // namespace roost::web
