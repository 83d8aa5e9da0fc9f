// Checking and completing the options of `roost pub` and `roost sub` after parsing.

#include <string>

#include "roost/mqtt/topic.hpp"
#include "roost/tools/pubsub/options.hpp"
#include "roost/tools/pubsub/parse_url.hpp"

namespace roost::tools {

namespace {

using problem = std::optional<std::string>;

problem resolve_version(connect_options& o) {
  if (o.version == "mqttv311" || o.version == "311") {
    o.protocol_level = 4;
  } else if (o.version == "mqttv31" || o.version == "31") {
    o.protocol_level = 3;
  } else if (o.version == "mqttv5" || o.version == "5") {
    return "MQTT 5 is not supported; use -V mqttv311 or -V mqttv31";
  } else {
    return "Unknown protocol version '" + o.version + "' (use mqttv311 or mqttv31)";
  }
  return std::nullopt;
}

problem resolve_client_id(connect_options& o, const char* default_prefix, int pid) {
  if (o.client_id && o.id_prefix) return "-i and -I cannot be used together";
  if (o.id_prefix) o.client_id = *o.id_prefix + std::to_string(pid);
  if (!o.client_id) {
    if (!o.clean_session) return "You must provide a client id if you are using the -c option";
    o.client_id = default_prefix + std::to_string(pid);
  }
  if (o.client_id->empty() && !o.clean_session)
    return "An empty client id cannot be used with the -c option";
  if (o.client_id->empty() && o.protocol_level == 3)
    return "MQTT 3.1 needs a client id that is not empty";
  return std::nullopt;
}

problem check_will(const connect_options& o) {
  if (!o.will_topic) {
    if (o.will_payload) return "Will payload given, but no will topic given";
    if (o.will_retain) return "Will retain given, but no will topic given";
    return std::nullopt;
  }
  if (!mqtt::valid_topic_name(*o.will_topic))
    return "Invalid will topic '" + *o.will_topic + "', does it contain '+' or '#'?";
  return std::nullopt;
}

// Applies -L to the connection options; returns the URL's topic through `topic`.
problem apply_url(connect_options& o, std::string& topic) {
  if (!o.url) return std::nullopt;
  auto parsed = parse_mqtt_url(*o.url);
  if (!parsed) return "Invalid URL for -L: " + parsed.error();
  o.host = parsed->host;
  o.port = parsed->port;
  if (parsed->username) o.username = parsed->username;
  if (parsed->password) o.password = parsed->password;
  topic = parsed->topic;
  return std::nullopt;
}

problem check_connect(connect_options& o, const char* default_prefix, int pid) {
  if (auto p = resolve_version(o)) return p;
  if (auto p = resolve_client_id(o, default_prefix, pid)) return p;
  return check_will(o);
}

problem resolve_payload_source(pub_options& o) {
  int given = 0;
  const auto pick = [&](bool chosen, payload_source s) {
    if (!chosen) return;
    ++given;
    o.source = s;
  };
  pick(o.message.has_value(), payload_source::message);
  pick(o.file.has_value(), payload_source::file);
  pick(o.stdin_whole, payload_source::stdin_whole);
  pick(o.stdin_lines, payload_source::stdin_lines);
  pick(o.null_message, payload_source::null_message);
  if (given == 0) return "No message given: use one of -m, -f, -s, -l or -n";
  if (given > 1) return "Only one of -m, -f, -s, -l and -n can be used at once";
  if (o.source == payload_source::stdin_lines && o.repeat != 1)
    return "--repeat cannot be used with -l";
  return std::nullopt;
}

}  // namespace

problem check_pub_options(pub_options& o, int pid) {
  std::string url_topic;
  if (auto p = apply_url(o.conn, url_topic)) return p;
  if (o.conn.url) {
    if (!o.topic.empty()) return "-t cannot be used with -L: the URL names the topic";
    o.topic = url_topic;
  }
  if (auto p = check_connect(o.conn, "roost-pub-", pid)) return p;
  if (o.topic.empty()) return "No topic given: use -t or -L";
  if (!mqtt::valid_topic_name(o.topic))
    return "Invalid publish topic '" + o.topic + "', does it contain '+' or '#'?";
  return resolve_payload_source(o);
}

problem check_sub_options(sub_options& o, int pid) {
  std::string url_topic;
  if (auto p = apply_url(o.conn, url_topic)) return p;
  if (o.conn.url && !url_topic.empty()) o.topics.insert(o.topics.begin(), url_topic);
  if (auto p = check_connect(o.conn, "roost-sub-", pid)) return p;
  if (o.topics.empty()) return "No topic given: use -t or -L";
  for (const auto& t : o.topics) {
    if (!mqtt::valid_topic_filter(t))
      return "Invalid subscription topic '" + t + "', are all '+' and '#' wildcards correct?";
  }
  for (const auto& t : o.filter_out) {
    if (!mqtt::valid_topic_filter(t))
      return "Invalid filter topic '" + t + "', are all '+' and '#' wildcards correct?";
  }
  if (o.no_retained && o.retained_only) return "-R and --retained-only cannot be used together";
  return std::nullopt;
}

std::vector<std::string> option_warnings(const connect_options& o) {
  std::vector<std::string> out;
  if (o.password && !o.username) out.emplace_back("Warning: Not using password since username not set.");
  return out;
}

}  // namespace roost::tools
