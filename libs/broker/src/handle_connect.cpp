// CONNECT in two steps, so that authentication (password hashing, a database lookup) runs without
// the engine's lock: check_connect judges the packet itself, engine::receive asks the
// authenticator unlocked, complete_connect applies the verdict, takeover and session resumption,
// then CONNACK.

#include <string>

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {
namespace {

// The protocol level a (name, level) pair stands for, or nothing when Roost does not speak it.
// MQTT 5.0 arrives with its own codec support; until then level 5 is refused like any other.
std::optional<mqtt::protocol_version> supported_version(const mqtt::connect& p) {
  if (p.protocol_name == "MQTT" && p.protocol_level == 4) return mqtt::protocol_version::v3_1_1;
  if (p.protocol_name == "MQIsdp" && p.protocol_level == 3) return mqtt::protocol_version::v3_1;
  return std::nullopt;
}

}  // namespace

void engine_state::refuse(connection& c, mqtt::connack_code code, std::string_view why) {
  mqtt::encode(mqtt::connack{false, code}, c.control);
  wake(c);
  close(c, why);
}

std::optional<mqtt::connect> engine_state::check_connect(connection& c, const mqtt::frame& f, time_point now) {
  auto decoded = mqtt::decode_connect(f);
  if (!decoded) {
    close(c, decoded.error());
    return std::nullopt;
  }
  mqtt::connect& p = *decoded;

  const auto version = supported_version(p);
  if (!version) {
    refuse(c, mqtt::connack_code::unacceptable_protocol_version,
           "unsupported protocol " + p.protocol_name + " level " + std::to_string(p.protocol_level) +
               " [MQTT-3.1.2-2]");
    return std::nullopt;
  }
  c.version = *version;

  if (p.client_id.empty()) {
    // MQTT 3.1 requires an identifier; 3.1.1 assigns one to a clean session only [MQTT-3.1.3-6]
    // [MQTT-3.1.3-8].
    if (!p.clean_session || c.version == mqtt::protocol_version::v3_1) {
      refuse(c, mqtt::connack_code::identifier_rejected, "empty client id [MQTT-3.1.3-8]");
      return std::nullopt;
    }
    p.client_id = "roost-" + std::to_string(++assigned_ids) + "-" +
                  std::to_string(static_cast<std::uint64_t>(now.time_since_epoch().count()) % 1000000007);
  }
  return std::move(p);
}

void engine_state::complete_connect(connection& c, mqtt::connect p, const auth_decision& verdict) {
  switch (verdict.result) {
    case auth_result::allowed:
      break;
    case auth_result::bad_credentials:
      return refuse(c, mqtt::connack_code::bad_username_or_password, "bad user name or password");
    case auth_result::not_authorized:
      return refuse(c, mqtt::connack_code::not_authorized, "not authorized");
  }
  if (cfg.max_connections != 0 && counters.clients_connected >= cfg.max_connections) {
    return refuse(c, mqtt::connack_code::server_unavailable, "too many connections");
  }
  const scope_id scope = verdict.scope;
  // Where many devices share one client id (the device cloud's account key), each connection has
  // a session of its own that ends with it.
  const bool shared_id = c.topics != nullptr && c.topics->shared_client_ids();
  if (shared_id) p.clean_session = true;
  std::string unique_id;
  if (shared_id) unique_id = p.client_id + "\n#" + std::to_string(++shared_sessions);
  const session_key key{scope, shared_id ? std::string_view{unique_id} : std::string_view{p.client_id}};

  // Takeover: the newest connection wins; the old one is closed and its will published
  // [MQTT-3.1.4-2].
  auto it = sessions.find(key);
  if (it != sessions.end() && it->second->conn != nullptr) {
    connection& old = *it->second->conn;
    log::write(log::level::info, "client " + p.client_id + ": taken over by a new connection from " + c.remote);
    detach(old, true);
    close(old, "session taken over");
    it = sessions.find(key);  // detach() ends a clean session
  }

  // A clean session starts afresh and ends with its connection [MQTT-3.1.2-6].
  bool session_present = false;
  if (it != sessions.end() && (p.clean_session || it->second->clean)) {
    end_session(*it->second);
    it = sessions.end();
  }
  std::shared_ptr<session> s;
  if (it != sessions.end()) {
    s = it->second;
    session_present = true;  // [MQTT-3.2.2-2]
    for (auto& m : s->inflight) m.resend = true;
  } else {
    s = std::make_shared<session>(scope, p.client_id, p.clean_session, std::move(unique_id));
    sessions.emplace(s->key(), s);
    if (persisted(*s)) durable->session_started(ref(*s), p.protocol_level);
  }
  s->conn = &c;
  s->topics = c.topics;
  if (session_present) announce_subscriptions(*s, true);
  c.sess = s;
  c.client_id = p.client_id;
  if (p.will) c.will = std::make_unique<mqtt::will_message>(std::move(*p.will));
  c.keep_alive = p.keep_alive;
  c.state = conn_state::connected;
  c.counted = true;
  ++counters.clients_connected;

  // MQTT 3.1 has no session-present flag: that bit is reserved there and must stay 0.
  const bool present_flag = session_present && c.version != mqtt::protocol_version::v3_1;
  mqtt::encode(mqtt::connack{present_flag, mqtt::connack_code::accepted}, c.control);
  wake(c);
  if (log::enabled(log::level::info)) {
    log::write(log::level::info, "client " + c.client_id + " connected from " + c.remote +
                                     (p.clean_session ? " (clean session)" : " (persistent session)") +
                                     (session_present ? ", session resumed" : ""));
  }
}

}  // namespace roost::broker
