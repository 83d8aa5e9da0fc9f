#include "config_keys.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <limits>

#include "parse_endpoint.hpp"
#include "parse_time_zone.hpp"

namespace roost::app {

namespace {

constexpr std::int64_t no_max = std::numeric_limits<std::int64_t>::max();
// MQTT's largest packet: 1 byte of type and flags, 4 of remaining length, 268,435,455 of body.
constexpr std::int64_t mqtt_max_packet = 1 + 4 + 268'435'455;
constexpr std::int64_t one_day = 24 * 60 * 60;
constexpr std::int64_t one_gib = 1024 * 1024 * 1024;

key_error out_of_range(std::int64_t v, std::int64_t min, std::int64_t max) {
  const std::string got = " (got " + std::to_string(v) + ")";
  if (max == no_max) return "must be at least " + std::to_string(min) + got;
  return "must be between " + std::to_string(min) + " and " + std::to_string(max) + got;
}

template <class T>
key_error set_integer(const raw_value& v, std::int64_t min, std::int64_t max, T& out) {
  const auto n = std::get<std::int64_t>(v);
  if (n < min || n > max) return out_of_range(n, min, max);
  out = static_cast<T>(n);
  return std::nullopt;
}

key_error set_seconds(const raw_value& v, std::int64_t min, std::int64_t max, duration& out) {
  const auto n = std::get<std::int64_t>(v);
  if (n < min || n > max) return out_of_range(n, min, max);
  out = std::chrono::seconds(n);
  return std::nullopt;
}

key_error set_bool(const raw_value& v, bool& out) {
  out = std::get<bool>(v);
  return std::nullopt;
}

key_error set_text(const raw_value& v, std::string& out) {
  out = std::get<std::string>(v);
  return std::nullopt;
}

// A file setting where the empty string means none.
key_error set_optional_path(const raw_value& v, std::optional<std::filesystem::path>& out) {
  const auto& s = std::get<std::string>(v);
  if (s.empty()) {
    out.reset();
  } else {
    out = s;
  }
  return std::nullopt;
}

std::string show_optional_path(const std::optional<std::filesystem::path>& p) {
  return p ? p->string() : std::string{};
}

key_error set_listener(serve_config& c, std::string_view name, const raw_value& v) {
  auto spec = parse_endpoint(std::get<std::string>(v));
  if (!spec) return spec.error();
  auto* l = find_listener(c, name);
  if (l == nullptr) return "no listener named " + std::string(name);  // programmer error in the table
  l->enabled = spec->enabled;
  if (spec->enabled) {
    l->host = spec->host;
    l->port = spec->port;
  }
  return std::nullopt;
}

std::string show_listener(const serve_config& c, std::string_view name) {
  for (const auto& l : c.server.listeners) {
    if (l.name == name) return format_endpoint({l.enabled, l.host, l.port});
  }
  return "off";
}

std::string show_bool(bool b) { return b ? "true" : "false"; }

// A TLS listener's own certificate or key file (`[tls.<listener>]`).
std::string* listener_tls_file(serve_config& c, std::string_view name, bool key) {
  auto* l = find_listener(c, name);
  if (l == nullptr || !l->tls) return nullptr;
  return key ? &l->tls->key_file : &l->tls->cert_file;
}

key_error set_listener_tls_file(serve_config& c, std::string_view name, bool key, const raw_value& v) {
  auto* file = listener_tls_file(c, name, key);
  if (file == nullptr) return "no TLS listener named " + std::string(name);  // programmer error in the table
  return set_text(v, *file);
}

std::string show_listener_tls_file(const serve_config& c, std::string_view name, bool key) {
  for (const auto& l : c.server.listeners) {
    if (l.name == name && l.tls) return key ? l.tls->key_file : l.tls->cert_file;
  }
  return {};
}

#define ROOST_LISTENER_TLS_KEYS(listener)                                                                          \
  {"tls." listener ".cert_file", "", "FILE", "certificate chain of the " listener " listener (default: tls.cert_file)", \
   value_kind::string,                                                                                              \
   [](serve_config& c, const raw_value& v) { return set_listener_tls_file(c, listener, false, v); },               \
   [](const serve_config& c) { return show_listener_tls_file(c, listener, false); }},                               \
  {"tls." listener ".key_file", "", "FILE", "private key of the " listener " listener (default: tls.key_file)",         \
   value_kind::string,                                                                                              \
   [](serve_config& c, const raw_value& v) { return set_listener_tls_file(c, listener, true, v); },                \
   [](const serve_config& c) { return show_listener_tls_file(c, listener, true); }}

std::string show_seconds(duration d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count());
}

constexpr std::array<std::string_view, 5> level_names{"trace", "debug", "info", "warn", "error"};
constexpr std::array<std::string_view, 3> durability_names{"full", "batch", "none"};
constexpr std::array<std::string_view, 3> client_cert_names{"none", "optional", "require"};
constexpr std::array<std::string_view, 2> shared_strategy_names{"round_robin", "hash_client_id"};

// Sets `out` to the enumerator whose name (in `names`, in enumerator order) is the string `v`.
template <class Enum, std::size_t N>
key_error set_named(const raw_value& v, const std::array<std::string_view, N>& names, Enum& out) {
  const auto& s = std::get<std::string>(v);
  std::string all;
  for (std::size_t i = 0; i < N; ++i) {
    if (s == names[i]) {
      out = static_cast<Enum>(i);
      return std::nullopt;
    }
    all += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(names[i]);
  }
  return "must be one of " + all + " (got '" + s + "')";
}

template <class Enum, std::size_t N>
std::string show_named(const std::array<std::string_view, N>& names, Enum e) {
  return std::string(names[static_cast<std::size_t>(e)]);
}

const config_key keys[] = {
    {"data", "--data", "DIR", "directory for the broker's data; created at start", value_kind::string,
     [](serve_config& c, const raw_value& v) -> key_error {
       const auto& s = std::get<std::string>(v);
       if (s.empty()) return "must not be empty";
       c.data_dir = s;
       return std::nullopt;
     },
     [](const serve_config& c) { return c.data_dir.string(); }},

    {"log.level", "--log-level", "trace|debug|info|warn|error", "least important log messages shown",
     value_kind::string, [](serve_config& c, const raw_value& v) { return set_named(v, level_names, c.level); },
     [](const serve_config& c) { return show_named(level_names, c.level); }},

    {"storage.durability", "--durability", "full|batch|none",
     "what an acknowledgement promises: full = stored and synced first; batch = stored soon after; none = memory "
     "only",
     value_kind::string, [](serve_config& c, const raw_value& v) { return set_named(v, durability_names, c.durable); },
     [](const serve_config& c) { return show_named(durability_names, c.durable); }},

    {"listeners.mqtt", "--mqtt", "HOST:PORT|off", "MQTT listener address ([::]:1883 for IPv6, port 0 = any free port)",
     value_kind::string, [](serve_config& c, const raw_value& v) { return set_listener(c, "mqtt", v); },
     [](const serve_config& c) { return show_listener(c, "mqtt"); }},

    {"listeners.bemfa", "--bemfa", "HOST:PORT|off",
     "device-cloud MQTT listener (Bemfa-compatible: the tenant's private key as client id)", value_kind::string,
     [](serve_config& c, const raw_value& v) { return set_listener(c, "bemfa", v); },
     [](const serve_config& c) { return show_listener(c, "bemfa"); }},

    {"listeners.mqtts", "--mqtts", "HOST:PORT|off", "MQTT over TLS listener (starts when a certificate is configured)",
     value_kind::string, [](serve_config& c, const raw_value& v) { return set_listener(c, "mqtts", v); },
     [](const serve_config& c) { return show_listener(c, "mqtts"); }},

    {"listeners.bemfa_tls", "--bemfa-tls", "HOST:PORT|off",
     "device-cloud MQTT over TLS listener (as --bemfa; starts when a certificate is configured)", value_kind::string,
     [](serve_config& c, const raw_value& v) { return set_listener(c, "bemfa_tls", v); },
     [](const serve_config& c) { return show_listener(c, "bemfa_tls"); }},

    {"listeners.line", "--line", "HOST:PORT|off", "device-cloud TCP line-protocol listener (Bemfa-compatible)",
     value_kind::string, [](serve_config& c, const raw_value& v) { return set_listener(c, "line", v); },
     [](const serve_config& c) { return show_listener(c, "line"); }},

    {"http.listen", "--http", "HOST:PORT|off",
     "HTTP listener: the web console, the HTTP APIs, firmware downloads and MQTT over WebSocket (/mqtt, /broker)",
     value_kind::string, [](serve_config& c, const raw_value& v) { return set_listener(c, "http", v); },
     [](const serve_config& c) { return show_listener(c, "http"); }},

    {"http.tls_listen", "--https", "HOST:PORT|off",
     "HTTPS listener: the same as http.listen over TLS, with wss at /wss, /mqtt and /broker (needs a certificate)",
     value_kind::string, [](serve_config& c, const raw_value& v) { return set_listener(c, "https", v); },
     [](const serve_config& c) { return show_listener(c, "https"); }},

    {"http.time_zone", "", "+HH:MM", "time zone of the compatible API's time strings (+08:00, UTC, or minutes east)",
     value_kind::string,
     [](serve_config& c, const raw_value& v) -> key_error {
       auto minutes = parse_time_zone(std::get<std::string>(v));
       if (!minutes) return minutes.error();
       c.web.utc_offset_minutes = *minutes;
       return std::nullopt;
     },
     [](const serve_config& c) { return format_time_zone(c.web.utc_offset_minutes); }},

    {"http.rate_limit", "--http-rate-limit", "N",
     "HTTP API requests per second per private key (or client address); 0 = no limit", value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 0, 1'000'000, c.web.rate_per_second); },
     [](const serve_config& c) { return std::to_string(static_cast<std::int64_t>(c.web.rate_per_second)); }},

    {"http.rate_burst", "", "N", "HTTP API requests allowed at once before the rate limit applies",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 1, 1'000'000, c.web.rate_burst); },
     [](const serve_config& c) { return std::to_string(static_cast<std::int64_t>(c.web.rate_burst)); }},

    {"http.max_body", "", "BYTES", "largest HTTP API request body (firmware uploads: http.max_firmware)",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 1024, one_gib, c.web.max_body_bytes); },
     [](const serve_config& c) { return std::to_string(c.web.max_body_bytes); }},

    {"http.max_firmware", "", "BYTES", "largest firmware file accepted for OTA", value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 1, one_gib, c.web.max_firmware_bytes); },
     [](const serve_config& c) { return std::to_string(c.web.max_firmware_bytes); }},

    {"http.admin_key", "--admin-key", "KEY",
     "operator key for /api/v1/admin and the console's tenant pages (empty = no operator access)",
     value_kind::string,
     [](serve_config& c, const raw_value& v) -> key_error {
       const auto& s = std::get<std::string>(v);
       for (const unsigned char ch : s) {
         if (ch <= ' ' || ch == 0x7f) return "must not contain spaces or control characters";
       }
       c.web.admin_key = s;
       return std::nullopt;
     },
     [](const serve_config& c) { return c.web.admin_key; }},

    {"cloud.history_limit", "--history-limit", "N", "messages of history kept per device-cloud topic",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 0, 1'000'000, c.history_limit); },
     [](const serve_config& c) { return std::to_string(c.history_limit); }},

    {"broker.threads", "--threads", "N", "I/O threads (0 = one per CPU core)", value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 0, 1024, c.server.threads); },
     [](const serve_config& c) { return std::to_string(c.server.threads); }},

    {"broker.max_packet_size", "--max-packet-size", "BYTES", "largest packet accepted, fixed header included",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 16, mqtt_max_packet, c.broker.max_packet_size); },
     [](const serve_config& c) { return std::to_string(c.broker.max_packet_size); }},

    {"broker.max_connections", "--max-connections", "N", "live connections at most (0 = no limit)", value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 0, no_max, c.broker.max_connections); },
     [](const serve_config& c) { return std::to_string(c.broker.max_connections); }},

    {"broker.max_inflight", "--max-inflight", "N", "unacknowledged outgoing QoS 1/2 messages per session",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 1, 65535, c.broker.max_inflight); },
     [](const serve_config& c) { return std::to_string(c.broker.max_inflight); }},

    {"broker.max_queued_messages", "--max-queued-messages", "N",
     "messages queued per session beyond the in-flight window", value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 0, no_max, c.broker.max_queued_messages); },
     [](const serve_config& c) { return std::to_string(c.broker.max_queued_messages); }},

    {"broker.max_queued_bytes", "--max-queued-bytes", "BYTES", "payload bytes queued per session",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 0, no_max, c.broker.max_queued_bytes); },
     [](const serve_config& c) { return std::to_string(c.broker.max_queued_bytes); }},

    {"broker.queue_qos0_offline", "--queue-qos0-offline", "true|false",
     "queue QoS 0 messages for offline persistent sessions", value_kind::boolean,
     [](serve_config& c, const raw_value& v) { return set_bool(v, c.broker.queue_qos0_offline); },
     [](const serve_config& c) { return show_bool(c.broker.queue_qos0_offline); }},

    {"broker.max_qos", "--max-qos", "0|1|2", "highest QoS granted to a subscription", value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 0, 2, c.broker.max_qos); },
     [](const serve_config& c) { return std::to_string(c.broker.max_qos); }},

    {"broker.shared_strategy", "--shared-strategy", "round_robin|hash_client_id",
     "which member of a shared subscription ($share/group/filter) gets a message: in turn, or by the "
     "publisher's client id",
     value_kind::string,
     [](serve_config& c, const raw_value& v) { return set_named(v, shared_strategy_names, c.broker.shared_strategy); },
     [](const serve_config& c) { return show_named(shared_strategy_names, c.broker.shared_strategy); }},

    {"broker.max_topic_levels", "--max-topic-levels", "N", "levels a topic or filter may have (0 = no limit)",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 0, 65535, c.broker.max_topic_levels); },
     [](const serve_config& c) { return std::to_string(c.broker.max_topic_levels); }},

    {"broker.connect_timeout", "--connect-timeout", "SECONDS", "time a new connection has to send CONNECT",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_seconds(v, 1, one_day, c.broker.connect_timeout); },
     [](const serve_config& c) { return show_seconds(c.broker.connect_timeout); }},

    {"broker.sys_interval", "--sys-interval", "SECONDS", "period of the $SYS topics (0 = never)",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_seconds(v, 0, one_day, c.broker.sys_interval); },
     [](const serve_config& c) { return show_seconds(c.broker.sys_interval); }},

    {"broker.max_keepalive", "--max-keepalive", "SECONDS",
     "keepalive at most; MQTT 5 clients asking for more (or 0) are told this as Server Keep Alive (0 = no limit)",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 0, 65535, c.broker.max_keepalive); },
     [](const serve_config& c) { return std::to_string(c.broker.max_keepalive); }},

    {"broker.max_session_expiry", "--max-session-expiry", "SECONDS",
     "MQTT 5 Session Expiry Interval at most; longer requests are capped (0 = no limit)", value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 0, 0xFFFFFFFF, c.broker.max_session_expiry); },
     [](const serve_config& c) { return std::to_string(c.broker.max_session_expiry); }},

    {"broker.receive_maximum", "--receive-maximum", "N",
     "MQTT 5 QoS 1/2 PUBLISHes a client may have unacknowledged (advertised in CONNACK; more: DISCONNECT 0x93)",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 1, 65535, c.broker.receive_maximum); },
     [](const serve_config& c) { return std::to_string(c.broker.receive_maximum); }},

    {"broker.topic_alias_maximum", "--topic-alias-maximum", "N",
     "MQTT 5 topic aliases a client may set per connection (advertised in CONNACK; 0 = none)", value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_integer(v, 0, 65535, c.broker.topic_alias_maximum); },
     [](const serve_config& c) { return std::to_string(c.broker.topic_alias_maximum); }},

    {"broker.outgoing_topic_aliases", "--outgoing-topic-aliases", "true|false",
     "assign topic aliases on messages to MQTT 5 clients that allow them", value_kind::boolean,
     [](serve_config& c, const raw_value& v) { return set_bool(v, c.broker.outgoing_topic_aliases); },
     [](const serve_config& c) { return show_bool(c.broker.outgoing_topic_aliases); }},

    {"broker.retain_available", "--retain-available", "true|false",
     "retained messages on (advertised to MQTT 5 clients; off: a retained v5 PUBLISH is DISCONNECT 0x9A)",
     value_kind::boolean,
     [](serve_config& c, const raw_value& v) { return set_bool(v, c.broker.retain_available); },
     [](const serve_config& c) { return show_bool(c.broker.retain_available); }},

    {"broker.server_reference", "--server-reference", "HOST[:PORT]",
     "another server for MQTT 5 clients, sent at shutdown with DISCONNECT 0x9C (empty = none)", value_kind::string,
     [](serve_config& c, const raw_value& v) { return set_text(v, c.broker.server_reference); },
     [](const serve_config& c) { return c.broker.server_reference; }},

    {"broker.server_moved", "--server-moved", "true|false",
     "the server has moved to broker.server_reference for good: MQTT 5 CONNECTs get CONNACK 0x9D, 3.1.1 ones 0x03",
     value_kind::boolean, [](serve_config& c, const raw_value& v) { return set_bool(v, c.broker.server_moved); },
     [](const serve_config& c) { return show_bool(c.broker.server_moved); }},

    {"auth.password_file", "--password-file", "FILE", "password file made with `roost passwd` (empty = none)",
     value_kind::string,
     [](serve_config& c, const raw_value& v) { return set_optional_path(v, c.password_file); },
     [](const serve_config& c) { return show_optional_path(c.password_file); }},

    {"tls.cert_file", "--tls-cert", "FILE",
     "PEM certificate chain of the TLS listeners (mqtts, bemfa_tls, https); empty = TLS off", value_kind::string,
     [](serve_config& c, const raw_value& v) { return set_text(v, c.tls.cert_file); },
     [](const serve_config& c) { return c.tls.cert_file; }},

    {"tls.key_file", "--tls-key", "FILE", "PEM private key of that certificate", value_kind::string,
     [](serve_config& c, const raw_value& v) { return set_text(v, c.tls.key_file); },
     [](const serve_config& c) { return c.tls.key_file; }},

    {"tls.ca_file", "--tls-ca", "FILE", "PEM CA certificates that client certificates must chain to",
     value_kind::string,
     [](serve_config& c, const raw_value& v) { return set_text(v, c.tls.ca_file); },
     [](const serve_config& c) { return c.tls.ca_file; }},

    {"tls.client_certs", "--tls-client-certs", "none|optional|require",
     "ask TLS clients for a certificate (checked against tls.ca_file): require = refuse clients without one",
     value_kind::string,
     [](serve_config& c, const raw_value& v) { return set_named(v, client_cert_names, c.tls.client_certs); },
     [](const serve_config& c) { return show_named(client_cert_names, c.tls.client_certs); }},

    {"tls.use_identity_as_username", "--tls-identity-as-username", "true|false",
     "a verified client certificate's CN is the user name (its CONNECT user name and password are not checked)",
     value_kind::boolean, [](serve_config& c, const raw_value& v) { return set_bool(v, c.tls.use_identity_as_username); },
     [](const serve_config& c) { return show_bool(c.tls.use_identity_as_username); }},

    ROOST_LISTENER_TLS_KEYS("mqtts"),
    ROOST_LISTENER_TLS_KEYS("bemfa_tls"),
    ROOST_LISTENER_TLS_KEYS("https"),

    {"auth.allow_anonymous", "--allow-anonymous", "true|false", "accept clients that send no username",
     value_kind::boolean, [](serve_config& c, const raw_value& v) { return set_bool(v, c.allow_anonymous); },
     [](const serve_config& c) { return show_bool(c.allow_anonymous); }},

    {"auth.acl_file", "--acl", "FILE", "access rules (docs/acl.md); empty = <data>/acl.conf if it exists",
     value_kind::string,
     [](serve_config& c, const raw_value& v) { return set_optional_path(v, c.acl_file); },
     [](const serve_config& c) { return show_optional_path(c.acl_file); }},

    {"auth.http_url", "--auth-http-url", "URL",
     "HTTP authentication hook: POST the credentials of each CONNECT to this http:// URL (empty = none)",
     value_kind::string,
     [](serve_config& c, const raw_value& v) -> key_error {
       const auto& s = std::get<std::string>(v);
       if (!s.empty() && !s.starts_with("http://")) return "must start with http:// (got '" + s + "')";
       c.auth_http_url = s;
       return std::nullopt;
     },
     [](const serve_config& c) { return c.auth_http_url; }},

    {"auth.http_ttl", "--auth-http-ttl", "SECONDS", "how long the hook's allowances are cached (0 = not cached)",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_seconds(v, 0, one_day, c.auth_http_ttl); },
     [](const serve_config& c) { return show_seconds(c.auth_http_ttl); }},

    {"auth.http_negative_ttl", "--auth-http-negative-ttl", "SECONDS",
     "how long the hook's refusals are cached (0 = not cached)", value_kind::integer,
     [](serve_config& c, const raw_value& v) { return set_seconds(v, 0, one_day, c.auth_http_negative_ttl); },
     [](const serve_config& c) { return show_seconds(c.auth_http_negative_ttl); }},

    {"auth.http_timeout", "--auth-http-timeout", "MILLISECONDS", "time the hook has to answer a CONNECT",
     value_kind::integer,
     [](serve_config& c, const raw_value& v) -> key_error {
       const auto n = std::get<std::int64_t>(v);
       if (n < 10 || n > 60'000) return out_of_range(n, 10, 60'000);
       c.auth_http_timeout = std::chrono::milliseconds(n);
       return std::nullopt;
     },
     [](const serve_config& c) {
       return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(c.auth_http_timeout).count());
     }},
};

}  // namespace

#undef ROOST_LISTENER_TLS_KEYS

std::span<const config_key> config_keys() { return keys; }

const config_key* find_key(std::string_view path) {
  for (const auto& k : keys) {
    if (k.path == path) return &k;
  }
  return nullptr;
}

bool is_section(std::string_view path) {
  for (const auto& k : keys) {
    if (k.path.size() > path.size() && k.path.starts_with(path) && k.path[path.size()] == '.') return true;
  }
  return false;
}

std::string_view kind_name(value_kind k) {
  switch (k) {
    case value_kind::integer:
      return "an integer";
    case value_kind::boolean:
      return "a boolean";
    case value_kind::string:
      return "a string";
  }
  return "a value";
}

key_error apply_text(serve_config& c, const config_key& key, std::string_view text) {
  switch (key.kind) {
    case value_kind::string:
      return key.apply(c, std::string(text));
    case value_kind::boolean:
      if (text.empty() || text == "true") return key.apply(c, true);
      if (text == "false") return key.apply(c, false);
      return "expected true or false (got '" + std::string(text) + "')";
    case value_kind::integer: {
      std::int64_t n = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
        return "expected an integer (got '" + std::string(text) + "')";
      }
      return key.apply(c, n);
    }
  }
  return "unsupported kind";
}

}  // namespace roost::app
