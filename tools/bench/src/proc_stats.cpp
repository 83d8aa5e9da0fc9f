// /proc parsing and getrusage.

#include "roost/bench/proc_stats.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <string>

namespace roost::bench {
namespace {

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in{path};
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<std::uint64_t> number_at(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{}) return std::nullopt;
  return v;
}

double seconds_of(const timeval& tv) { return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6; }

}  // namespace

// After the last ')' come field 3 (state) onwards; utime and stime are fields 14 and 15.
std::optional<std::uint64_t> parse_stat_cpu_ticks(std::string_view stat) {
  const std::size_t close = stat.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view rest = stat.substr(close + 1);
  std::uint64_t sum = 0;
  for (int field = 3; field <= 15; ++field) {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty()) return std::nullopt;
    const std::size_t space = rest.find(' ');
    const std::string_view value = rest.substr(0, space);
    if (field >= 14) {
      const auto n = number_at(value);
      if (!n) return std::nullopt;
      sum += *n;
    }
    if (space == std::string_view::npos) rest = {};
    else rest.remove_prefix(space);
  }
  return sum;
}

std::optional<std::uint64_t> parse_status_rss_kb(std::string_view status) {
  const std::size_t at = status.find("VmRSS:");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = status.substr(at + 6);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  return number_at(rest);
}

std::optional<double> process_cpu_seconds(int pid) {
  const auto text = read_text("/proc/" + std::to_string(pid) + "/stat");
  if (!text) return std::nullopt;
  const auto ticks = parse_stat_cpu_ticks(*text);
  if (!ticks) return std::nullopt;
  return static_cast<double>(*ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::optional<std::uint64_t> process_rss_kb(int pid) {
  const auto text = read_text("/proc/" + std::to_string(pid) + "/status");
  if (!text) return std::nullopt;
  return parse_status_rss_kb(*text);
}

double own_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return seconds_of(u.ru_utime) + seconds_of(u.ru_stime);
}

}  // namespace roost::bench
