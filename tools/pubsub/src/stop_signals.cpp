// SIGINT / SIGTERM as a request to finish cleanly.

#include "stop_signals.hpp"

#include <csignal>

namespace roost::tools {

namespace {

volatile std::sig_atomic_t g_requested = 0;
struct sigaction g_old_int {};
struct sigaction g_old_term {};

extern "C" void note_stop_request(int) { g_requested = 1; }

}  // namespace

stop_signals::stop_signals() {
  g_requested = 0;
  struct sigaction on_stop {};
  on_stop.sa_handler = note_stop_request;
  ::sigemptyset(&on_stop.sa_mask);
  ::sigaction(SIGINT, &on_stop, &g_old_int);
  ::sigaction(SIGTERM, &on_stop, &g_old_term);
}

stop_signals::~stop_signals() {
  ::sigaction(SIGINT, &g_old_int, nullptr);
  ::sigaction(SIGTERM, &g_old_term, nullptr);
}

bool stop_signals::requested() const { return g_requested != 0; }

}  // namespace roost::tools
