// CONNECT in two steps, so that authentication (password hashing, a database lookup, an AUTH
// exchange) runs without the engine's lock: check_connect judges the packet itself, engine::receive
// asks the authenticator unlocked (or enhanced_auth.cpp runs an AUTH exchange), complete_connect
// applies the verdict, takeover and session resumption, then CONNACK. MQTT 5 clients get a reason
// code and the properties that tell them what the server supports.

#include <algorithm>
#include <string>

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {
namespace {

using mqtt::reason_code;

// The protocol level a (name, level) pair stands for, or nothing when Roost does not speak it.
std::optional<mqtt::protocol_version> supported_version(const mqtt::connect& p) {
  if (p.protocol_name == "MQTT" && p.protocol_level == 5) return mqtt::protocol_version::v5;
  if (p.protocol_name == "MQTT" && p.protocol_level == 4) return mqtt::protocol_version::v3_1_1;
  if (p.protocol_name == "MQIsdp" && p.protocol_level == 3) return mqtt::protocol_version::v3_1;
  return std::nullopt;
}

// The 3.1 / 3.1.1 CONNACK return code closest to an MQTT 5 refusal.
mqtt::connack_code v3_code(reason_code rc) {
  switch (rc) {
    case reason_code::unsupported_protocol_version:
      return mqtt::connack_code::unacceptable_protocol_version;
    case reason_code::client_identifier_not_valid:
      return mqtt::connack_code::identifier_rejected;
    case reason_code::bad_user_name_or_password:
      return mqtt::connack_code::bad_username_or_password;
    case reason_code::not_authorized:
    case reason_code::banned:
    case reason_code::bad_authentication_method:
      return mqtt::connack_code::not_authorized;
    default:
      return mqtt::connack_code::server_unavailable;
  }
}

// The Maximum Packet Size property's value for a size_t setting (at most the protocol's limit).
std::uint32_t advertised_packet_size(std::size_t max) {
  constexpr std::size_t protocol_max = 268'435'455 + 5;
  return static_cast<std::uint32_t>(std::min(max, protocol_max));
}

}  // namespace

void engine_state::refuse(connection& c, reason_code rc, std::string_view why, mqtt::properties props) {
  if (c.version == mqtt::protocol_version::v5) {
    mqtt::connack ack;
    ack.reason = mqtt::to_byte(rc);
    ack.props = std::move(props);
    mqtt::encode(ack, c.control, mqtt::protocol_version::v5);
  } else {
    mqtt::encode(mqtt::connack{false, v3_code(rc)}, c.control);
  }
  wake(c);
  close(c, why);
}

std::optional<mqtt::connect> engine_state::check_connect(connection& c, const mqtt::frame& f, time_point now) {
  auto decoded = mqtt::decode_connect(f);
  if (!decoded) {
    // An MQTT 5 CONNECT that does not decode gets a CONNACK with the reason [MQTT-3.1.4-1]; an
    // older one is just closed.
    if (f.body.size() >= 7 && f.body[6] == 5) {
      c.version = mqtt::protocol_version::v5;
      refuse(c, mqtt::reason_for(decoded.error()),
             "bad CONNECT: " + std::string(mqtt::to_string(decoded.error())));
    } else {
      close(c, decoded.error());
    }
    return std::nullopt;
  }
  mqtt::connect& p = *decoded;

  const auto version = supported_version(p);
  if (!version) {
    // A later "MQTT" level gets the MQTT 5 form, anything older the 3.1.1 one [MQTT-3.1.2-2].
    if (p.protocol_name == "MQTT" && p.protocol_level > 5) c.version = mqtt::protocol_version::v5;
    refuse(c, reason_code::unsupported_protocol_version,
           "unsupported protocol " + p.protocol_name + " level " + std::to_string(p.protocol_level) +
               " [MQTT-3.1.2-2]");
    return std::nullopt;
  }
  c.version = *version;
  if (cfg.server_moved && !cfg.server_reference.empty()) {
    mqtt::properties props;
    props.server_reference = cfg.server_reference;
    refuse(c, reason_code::server_moved, "server moved to " + cfg.server_reference, std::move(props));
    return std::nullopt;
  }

  if (p.client_id.empty()) {
    // MQTT 3.1 requires an identifier; 3.1.1 assigns one to a clean session only [MQTT-3.1.3-8];
    // MQTT 5 assigns one and returns it in CONNACK [MQTT-3.1.3-6] [MQTT-3.2.2-16].
    const bool v5 = c.version == mqtt::protocol_version::v5;
    if (!v5 && (!p.clean_session || c.version == mqtt::protocol_version::v3_1)) {
      refuse(c, reason_code::client_identifier_not_valid, "empty client id [MQTT-3.1.3-8]");
      return std::nullopt;
    }
    p.client_id = "roost-" + std::to_string(++assigned_ids) + "-" +
                  std::to_string(static_cast<std::uint64_t>(now.time_since_epoch().count()) % 1000000007);
    if (v5) p.props.assigned_client_identifier = p.client_id;  // remembered for CONNACK
  }

  if (c.version == mqtt::protocol_version::v5) {
    const mqtt::properties& props = p.props;
    c.client_receive_maximum = props.receive_maximum.value_or(65535);
    c.client_max_packet_size = props.maximum_packet_size.value_or(0);
    c.client_topic_alias_maximum = props.topic_alias_maximum.value_or(0);
    c.request_problem_information = props.request_problem_information.value_or(1) != 0;
    std::uint32_t expiry = props.session_expiry_interval.value_or(0);
    if (cfg.max_session_expiry != 0) expiry = std::min(expiry, cfg.max_session_expiry);
    c.session_expiry = expiry;
    if (props.authentication_method) c.auth_method = *props.authentication_method;
  } else {
    // 3.1 / 3.1.1: a persistent session never expires; a clean one ends with its connection.
    c.session_expiry = p.clean_session ? 0 : never_expires;
  }
  if (p.username && !c.certified) c.username = *p.username;
  return std::move(p);
}

void engine_state::complete_connect(connection& c, mqtt::connect p, const auth_decision& verdict,
                                    const mqtt::bytes* auth_data) {
  switch (verdict.result) {
    case auth_result::allowed:
      break;
    case auth_result::bad_credentials:
      return refuse(c, reason_code::bad_user_name_or_password, "bad user name or password");
    case auth_result::not_authorized:
      return refuse(c, reason_code::not_authorized, "not authorized");
  }
  if (cfg.max_connections != 0 && counters.clients_connected >= cfg.max_connections) {
    return refuse(c, reason_code::server_busy, "too many connections");
  }
  const bool v5 = c.version == mqtt::protocol_version::v5;
  const time_point now = c.last_packet;
  const scope_id scope = verdict.scope;
  // Where many devices share one client id (the device cloud's account key), each connection has
  // a session of its own that ends with it.
  const bool shared_id = c.topics != nullptr && c.topics->shared_client_ids();
  if (shared_id) {
    p.clean_session = true;
    c.session_expiry = 0;
  }
  std::string unique_id;
  if (shared_id) unique_id = p.client_id + "\n#" + std::to_string(++shared_sessions);
  const session_key key{scope, shared_id ? std::string_view{unique_id} : std::string_view{p.client_id}};

  // Takeover: the newest connection wins; the old one is told (MQTT 5: DISCONNECT 0x8E) and closed,
  // and its will is owed [MQTT-3.1.4-2] [MQTT-3.1.4-3].
  auto it = sessions.find(key);
  if (it != sessions.end() && it->second->conn != nullptr) {
    connection& old = *it->second->conn;
    log::write(log::level::info, "client " + p.client_id + ": taken over by a new connection from " + c.remote);
    detach(old, true, now);
    close(old, reason_code::session_taken_over, "session taken over");
    it = sessions.find(key);  // detach() ends a session that does not outlive its connection
  }

  // Clean Start (3.1.1: Clean Session) discards an existing session [MQTT-3.1.2-4]
  // [MQTT-3.1.2-6]; its pending will is published as it ends.
  bool session_present = false;
  if (it != sessions.end() && (p.clean_session || it->second->clean)) {
    end_session(*it->second);
    it = sessions.end();
  }
  std::shared_ptr<session> s;
  const bool keeps = c.session_expiry != 0;
  if (it != sessions.end()) {
    s = it->second;
    session_present = true;  // [MQTT-3.2.2-2]
    resume(*s);
    set_expiry(*s, c.session_expiry);
    for (auto& m : s->inflight) m.resend = true;
  } else {
    s = std::make_shared<session>(scope, p.client_id, !keeps, std::move(unique_id));
    s->expiry_interval = c.session_expiry;
    sessions.emplace(s->key(), s);
    if (persisted(*s)) {
      durable->session_started(ref(*s), p.protocol_level);
      if (s->expiry_interval != never_expires) durable->session_expiry_set(ref(*s), s->expiry_interval);
    }
  }
  s->conn = &c;
  s->topics = c.topics;
  if (session_present) announce_subscriptions(*s, true);
  c.sess = s;
  identify(c, *s, verdict);  // for the access rules (authorize.cpp)
  c.client_id = p.client_id;
  if (p.will) c.will = std::make_unique<mqtt::will_message>(std::move(*p.will));
  c.keep_alive = p.keep_alive;
  c.state = conn_state::connected;
  c.counted = true;
  ++counters.clients_connected;

  if (v5) {
    mqtt::connack ack;
    ack.session_present = session_present;
    mqtt::properties& props = ack.props;
    // What the server supports [MQTT-3.2.2-9..22]: limits the client must respect.
    props.receive_maximum = cfg.receive_maximum;
    if (cfg.max_qos < 2) props.maximum_qos = cfg.max_qos;
    props.retain_available = cfg.retain_available ? 1 : 0;
    props.maximum_packet_size = advertised_packet_size(cfg.max_packet_size);
    props.topic_alias_maximum = cfg.topic_alias_maximum;
    props.wildcard_subscription_available = 1;
    props.subscription_identifier_available = 1;
    props.shared_subscription_available = 1;
    props.assigned_client_identifier = std::move(p.props.assigned_client_identifier);
    // A longer keepalive than allowed, or none, is replaced and the client told [MQTT-3.2.2-21].
    if (cfg.max_keepalive != 0 && (p.keep_alive == 0 || p.keep_alive > cfg.max_keepalive)) {
      c.keep_alive = cfg.max_keepalive;
      props.server_keep_alive = cfg.max_keepalive;
    }
    if (c.session_expiry != p.props.session_expiry_interval.value_or(0)) {
      props.session_expiry_interval = c.session_expiry;  // capped by max_session_expiry
    }
    if (!c.auth_method.empty()) {
      props.authentication_method = c.auth_method;
      if (auth_data != nullptr && !auth_data->empty()) props.authentication_data = *auth_data;
    }
    mqtt::encode(ack, c.control, mqtt::protocol_version::v5);
  } else {
    // MQTT 3.1 has no session-present flag: that bit is reserved there and must stay 0.
    const bool present_flag = session_present && c.version != mqtt::protocol_version::v3_1;
    mqtt::encode(mqtt::connack{present_flag, mqtt::connack_code::accepted}, c.control);
  }
  wake(c);
  if (log::enabled(log::level::info)) {
    log::write(log::level::info, "client " + c.client_id + " connected from " + c.remote +
                                     (keeps ? " (persistent session)" : " (clean session)") +
                                     (session_present ? ", session resumed" : ""));
  }
}

}  // namespace roost::broker
