#pragma once
// Reading a process's CPU time and memory from /proc, and this process's CPU time.

#include <cstdint>
#include <optional>
#include <string_view>

namespace roost::bench {

// utime + stime in clock ticks from the text of /proc/PID/stat (the fields after the command
// name, which may itself hold spaces and parentheses); nullopt when malformed.
std::optional<std::uint64_t> parse_stat_cpu_ticks(std::string_view stat);
// VmRSS in kB from the text of /proc/PID/status; nullopt when absent.
std::optional<std::uint64_t> parse_status_rss_kb(std::string_view status);

// The same read from /proc for process `pid`: CPU seconds (user + system) and VmRSS.
std::optional<double> process_cpu_seconds(int pid);
std::optional<std::uint64_t> process_rss_kb(int pid);
// This process's CPU seconds, all threads (getrusage).
double own_cpu_seconds();

}  // namespace roost::bench
