// Summary lines and the JSON line (Boost.JSON).

#include "report.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>

namespace roost::bench {
namespace {

double us(std::uint64_t ns) { return std::round(static_cast<double>(ns) / 100.0) / 10.0; }
double one_decimal(double v) { return std::round(v * 10.0) / 10.0; }

boost::json::value or_null(const std::optional<double>& v) {
  return v ? boost::json::value(one_decimal(*v)) : boost::json::value(nullptr);
}
boost::json::value or_null(const std::optional<std::uint64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

// JSON text with numbers as people write them (166452.5, 2000, 0.5) rather than Boost.JSON's
// exponent form for doubles.
void write_json(const boost::json::value& v, std::string& out) {
  switch (v.kind()) {
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : v.get_object()) {
        if (!first) out += ',';
        first = false;
        out += boost::json::serialize(boost::json::string{key});
        out += ':';
        write_json(value, out);
      }
      out += '}';
      return;
    }
    case boost::json::kind::double_: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.15g", v.get_double());
      out += buf;
      return;
    }
    default: out += boost::json::serialize(v); return;
  }
}

std::string line(const char* format, auto... args) {
  char buf[256];
  std::snprintf(buf, sizeof buf, format, args...);
  return buf;
}

}  // namespace

std::optional<double> bench_result::broker_bytes_per_connection() const {
  if (!broker_rss_before_kb || !broker_rss_kb || connected == 0) return std::nullopt;
  const double delta_kb = static_cast<double>(*broker_rss_kb) - static_cast<double>(*broker_rss_before_kb);
  return delta_kb * 1024.0 / static_cast<double>(connected);
}

std::string format_summary(const options& o, const bench_result& r) {
  std::string s;
  s += line("scenario     %s, MQTT %s, QoS %u, %u-byte payload, %s\n", std::string{scenario_name(o.kind)}.c_str(),
            std::string{version_name(o.version)}.c_str(), unsigned{o.qos}, o.size,
            o.rate > 0 ? line("open loop at %.0f msg/s", o.rate).c_str() : "closed loop");
  s += line("connections  %llu (%u publishers, %u subscribers), %u thread(s)\n",
            static_cast<unsigned long long>(connection_count(o)), publisher_count(o), subscriber_count(o), o.threads);
  if (o.kind == scenario::conn) {
    s += line("connected    %llu in %.2f s (%.0f connections/s)\n", static_cast<unsigned long long>(r.connected),
              r.connect_s, r.connect_rate());
  } else {
    s += line("sent         %llu (%.1f msg/s in the %.1f s window)\n", static_cast<unsigned long long>(r.sent),
              r.publish_rate(), r.window_s);
    s += line("received     %llu of %llu expected, %llu lost, %llu duplicates\n",
              static_cast<unsigned long long>(r.received), static_cast<unsigned long long>(r.expected),
              static_cast<unsigned long long>(r.lost()), static_cast<unsigned long long>(r.duplicates));
    s += line("throughput   %.1f deliveries/s\n", r.throughput());
    const latency_histogram& h = r.latencies;
    s += line("latency us   p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f\n", us(h.percentile(50)),
              us(h.percentile(90)), us(h.percentile(99)), us(h.percentile(99.9)), us(h.max()));
  }
  s += line("errors       %llu\n", static_cast<unsigned long long>(r.errors));
  s += line("cpu          bench %.1f %%", r.bench_cpu_pct);
  s += r.broker_cpu_pct ? line(", broker %.1f %%\n", *r.broker_cpu_pct) : std::string{" (broker: give --pid)\n"};
  if (r.broker_rss_kb) {
    s += line("broker rss   %llu kB", static_cast<unsigned long long>(*r.broker_rss_kb));
    if (const auto per = r.broker_bytes_per_connection()) s += line(", %.0f bytes per connection", *per);
    s += "\n";
  }
  return s;
}

std::string format_json(const options& o, const bench_result& r) {
  const latency_histogram& h = r.latencies;
  boost::json::object j;
  j["scenario"] = scenario_name(o.kind);
  j["mqtt"] = version_name(o.version);
  j["qos"] = o.qos;
  j["size"] = o.size;
  j["publishers"] = publisher_count(o);
  j["subscribers"] = subscriber_count(o);
  j["connections"] = connection_count(o);
  j["rate"] = o.rate;
  j["inflight"] = o.inflight;
  j["window"] = o.window;
  j["warmup_s"] = o.warmup_s;
  j["duration_s"] = o.duration_s;
  j["threads"] = o.threads;
  j["sent"] = r.sent;
  j["expected"] = r.expected;
  j["received"] = r.received;
  j["lost"] = r.lost();
  j["duplicates"] = r.duplicates;
  j["errors"] = r.errors;
  j["sent_in_window"] = r.sent_in_window;
  j["received_in_window"] = r.received_in_window;
  j["window_s"] = r.window_s;
  j["throughput"] = one_decimal(r.throughput());
  j["publish_rate"] = one_decimal(r.publish_rate());
  j["latency_us"] = {{"p50", us(h.percentile(50))},   {"p90", us(h.percentile(90))},
                     {"p99", us(h.percentile(99))},   {"p999", us(h.percentile(99.9))},
                     {"max", us(h.max())}};
  j["bench_cpu_pct"] = one_decimal(r.bench_cpu_pct);
  j["broker_cpu_pct"] = or_null(r.broker_cpu_pct);
  j["broker_rss_kb"] = or_null(r.broker_rss_kb);
  if (o.kind == scenario::conn) {
    j["connected"] = r.connected;
    j["connect_s"] = std::round(r.connect_s * 1000.0) / 1000.0;
    j["connect_rate"] = one_decimal(r.connect_rate());
    j["broker_rss_before_kb"] = or_null(r.broker_rss_before_kb);
    j["broker_bytes_per_connection"] = or_null(r.broker_bytes_per_connection());
  }
  std::string text;
  write_json(j, text);
  return text;
}

int exit_status(const options& o, const bench_result& r) {
  if (r.errors > 0) return 1;
  if (o.qos > 0 && r.lost() > 0) return 1;
  if (o.qos == 2 && r.duplicates > 0) return 1;
  return 0;
}

}  // namespace roost::bench
