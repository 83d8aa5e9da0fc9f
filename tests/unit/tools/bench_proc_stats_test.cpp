// `roost bench`'s /proc parsing: CPU ticks from /proc/PID/stat, VmRSS from /proc/PID/status.

#include <gtest/gtest.h>
#include <unistd.h>

#include "roost/bench/proc_stats.hpp"

namespace roost::bench {
namespace {

TEST(bench_proc_stats, sums_utime_and_stime) {
  const char* stat = "1234 (roost) S 1 1234 1234 0 -1 4194560 2000 0 0 0 150 25 0 0 20 0 9 0 100 0 0";
  EXPECT_EQ(parse_stat_cpu_ticks(stat), 175u);
}

TEST(bench_proc_stats, a_command_name_with_spaces_and_parentheses) {
  const char* stat = "77 (a (b) c) R 1 77 77 0 -1 0 0 0 0 0 7 3 0 0 20 0";
  EXPECT_EQ(parse_stat_cpu_ticks(stat), 10u);
}

TEST(bench_proc_stats, malformed_stat_is_rejected) {
  EXPECT_FALSE(parse_stat_cpu_ticks("no parenthesis here"));
  EXPECT_FALSE(parse_stat_cpu_ticks("1 (x) S 1 2"));
  EXPECT_FALSE(parse_stat_cpu_ticks("1 (x) S 1 1 1 0 -1 0 0 0 0 0 abc 3"));
}

TEST(bench_proc_stats, reads_vmrss) {
  const char* status = "Name:\troost\nVmPeak:\t  99999 kB\nVmRSS:\t   12345 kB\nThreads:\t3\n";
  EXPECT_EQ(parse_status_rss_kb(status), 12345u);
  EXPECT_FALSE(parse_status_rss_kb("Name:\tzombie\n"));
}

TEST(bench_proc_stats, reads_this_process) {
  EXPECT_TRUE(process_rss_kb(static_cast<int>(getpid())).has_value());
  EXPECT_TRUE(process_cpu_seconds(static_cast<int>(getpid())).has_value());
  EXPECT_GE(own_cpu_seconds(), 0.0);
}

}  // namespace
}  // namespace roost::bench
