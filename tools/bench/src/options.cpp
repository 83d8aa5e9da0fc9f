// The pure helpers of options.hpp: names, source addresses and the shape of each scenario.

#include "roost/bench/options.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace roost::bench {
namespace {

bool valid_ipv4(const std::string& text) {
  in_addr addr{};
  return inet_pton(AF_INET, text.c_str(), &addr) == 1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// "A.B.C.x-A.B.C.y" or "A.B.C.x-y": the addresses from x to y.
std::optional<std::vector<std::string>> parse_range(std::string_view from, std::string_view to) {
  const std::string first{trim(from)};
  if (!valid_ipv4(first)) return std::nullopt;
  const std::size_t dot = first.rfind('.');
  const std::string net = first.substr(0, dot + 1);
  std::string_view last_text = trim(to);
  if (last_text.find('.') != std::string_view::npos) {
    if (!valid_ipv4(std::string{last_text}) || last_text.substr(0, dot + 1) != net) return std::nullopt;
    last_text = last_text.substr(dot + 1);
  }
  unsigned lo = 0;
  unsigned hi = 0;
  const std::string_view lo_text = std::string_view{first}.substr(dot + 1);
  if (std::from_chars(lo_text.data(), lo_text.data() + lo_text.size(), lo).ec != std::errc{}) return std::nullopt;
  const auto [end, ec] = std::from_chars(last_text.data(), last_text.data() + last_text.size(), hi);
  if (ec != std::errc{} || end != last_text.data() + last_text.size() || hi > 255 || hi < lo) return std::nullopt;
  std::vector<std::string> out;
  for (unsigned i = lo; i <= hi; ++i) out.push_back(net + std::to_string(i));
  return out;
}

}  // namespace

std::string_view scenario_name(scenario s) {
  switch (s) {
    case scenario::fanin: return "fanin";
    case scenario::fanout: return "fanout";
    case scenario::pairs: return "pairs";
    case scenario::conn: return "conn";
  }
  return "?";
}

std::optional<scenario> parse_scenario(std::string_view name) {
  for (scenario s : {scenario::fanin, scenario::fanout, scenario::pairs, scenario::conn}) {
    if (scenario_name(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view version_name(mqtt::protocol_version v) {
  return v == mqtt::protocol_version::v5 ? "5" : "3.1.1";
}

std::optional<mqtt::protocol_version> parse_mqtt_version(std::string_view text) {
  if (text == "3.1.1" || text == "311" || text == "4") return mqtt::protocol_version::v3_1_1;
  if (text == "5" || text == "5.0") return mqtt::protocol_version::v5;
  return std::nullopt;
}

std::optional<std::vector<std::string>> parse_sources(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (const std::size_t dash = text.find('-'); dash != std::string_view::npos) {
    return parse_range(text.substr(0, dash), text.substr(dash + 1));
  }
  std::vector<std::string> out;
  while (true) {
    const std::size_t comma = text.find(',');
    std::string one{trim(text.substr(0, comma))};
    if (!valid_ipv4(one)) return std::nullopt;
    out.push_back(std::move(one));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

bool is_loopback_host(std::string_view host) {
  return host == "localhost" || (host.starts_with("127.") && valid_ipv4(std::string{host}));
}

std::vector<std::string> default_sources(std::string_view host, std::uint64_t connections) {
  if (!is_loopback_host(host)) return {};
  const std::uint64_t k = (connections + connections_per_source - 1) / connections_per_source;
  if (k <= 1) return {};
  std::vector<std::string> out;
  for (std::uint64_t i = 1; i <= k && i <= 254; ++i) out.push_back("127.0.0." + std::to_string(i));
  return out;
}

std::uint32_t publisher_count(const options& o) {
  switch (o.kind) {
    case scenario::fanin: return o.publishers;
    case scenario::fanout: return 1;
    case scenario::pairs: return o.pairs;
    case scenario::conn: return 0;
  }
  return 0;
}

std::uint32_t subscriber_count(const options& o) {
  switch (o.kind) {
    case scenario::fanin: return 1;
    case scenario::fanout: return o.subscribers;
    case scenario::pairs: return o.pairs;
    case scenario::conn: return 0;
  }
  return 0;
}

std::uint32_t idle_count(const options& o) { return o.kind == scenario::conn ? o.connections : 0; }

std::uint64_t connection_count(const options& o) {
  return std::uint64_t{publisher_count(o)} + subscriber_count(o) + idle_count(o);
}

std::uint64_t descriptors_needed(const options& o) { return connection_count(o) + spare_descriptors; }

publisher_range heard_by(const options& o, std::uint32_t subscriber) {
  switch (o.kind) {
    case scenario::fanin: return {0, o.publishers};
    case scenario::fanout: return {0, 1};
    case scenario::pairs: return {subscriber, 1};
    case scenario::conn: return {};
  }
  return {};
}

std::uint32_t fan_out_of(const options& o, std::uint32_t) {
  return o.kind == scenario::fanout ? o.subscribers : 1;
}

std::string publish_topic(const options& o, std::string_view run_prefix, std::uint32_t publisher) {
  const std::string base{run_prefix};
  switch (o.kind) {
    case scenario::fanin: return base + "/in/" + std::to_string(publisher);
    case scenario::fanout: return base + "/out";
    case scenario::pairs: return base + "/pair/" + std::to_string(publisher);
    case scenario::conn: return base;
  }
  return base;
}

std::string subscribe_filter(const options& o, std::string_view run_prefix, std::uint32_t subscriber) {
  const std::string base{run_prefix};
  switch (o.kind) {
    case scenario::fanin: return base + "/in/+";
    case scenario::fanout: return base + "/out";
    case scenario::pairs: return base + "/pair/" + std::to_string(subscriber);
    case scenario::conn: return base;
  }
  return base;
}

}  // namespace roost::bench
