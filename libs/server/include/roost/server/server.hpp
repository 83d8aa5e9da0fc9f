#pragma once
// The network adapter around the Sans-I/O broker engine: listeners, one io_context per I/O thread
// ("shard"), connections that feed the engine bytes and write what it pulls out, a one-second tick,
// and signal handling. Asio stays behind the pimpl, so this header is cheap to include.
//
//   roost::server::server s{config, engine};
//   s.on_hangup([&] { authenticator.reload(); s.reload_certificates(); });   // optional, SIGHUP
//   s.handle_signals();                              // optional, SIGINT/SIGTERM -> stop()
//   auto bound = s.start();                          // binds, logs "listening mqtt on 0.0.0.0:1883"
//   if (!bound) { report(bound.error()); return 1; }
//   s.run();                                         // blocks until stop() and a graceful shutdown

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "roost/base/result.hpp"
#include "roost/broker/engine.hpp"
#include "roost/server/config.hpp"

namespace roost::server {

// A listener after bind: the address actually in use (port 0 resolved).
struct bound_listener {
  std::string name;
  std::string host;  // numeric address; IPv6 without brackets
  std::uint16_t port = 0;
  bool tls = false;
};

// What reload_certificates() did.
struct certificate_reload {
  std::size_t reloaded = 0;          // TLS listeners now using the files as they are
  std::vector<std::string> errors;   // one per listener that kept its certificate: "mqtts: key ...: reason"
};

// What run() reports once it returns.
struct shutdown_summary {
  std::size_t closed = 0;     // connections that closed during the shutdown
  std::size_t abandoned = 0;  // connections still open at the deadline (closed by force)
};

class server_impl;

class server {
 public:
  // `engine` must outlive the server.
  server(server_config config, broker::engine& engine);
  ~server();  // requires run() to have returned if it was called
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  // Called on an I/O thread when the process gets SIGHUP (only with handle_signals()). Call before start().
  void on_hangup(std::function<void()> callback);

  // Makes SIGINT and SIGTERM start a graceful shutdown (a second one stops at once) and SIGHUP call
  // the on_hangup callback. Call before start().
  void handle_signals();

  // Binds every enabled listener and logs one "listening <name> on <host>:<port>" line per listener.
  // On failure nothing stays bound and the error names the listener and address:
  // "mqtt: cannot listen on 0.0.0.0:1883: Address already in use". Call once.
  result<std::vector<bound_listener>, std::string> start();

  // Runs the I/O threads and blocks until stop() (or a signal) and the graceful shutdown are done.
  // Call once, after a successful start().
  shutdown_summary run();

  // Re-reads every TLS listener's certificate, key and CA files; later handshakes use them, live
  // connections keep theirs. A listener whose files cannot be loaded keeps its certificate and
  // reports why. Thread-safe; call after a successful start(), while the server exists.
  certificate_reload reload_certificates();

  // Starts a graceful shutdown: stop accepting, ask the engine to close every connection, let them
  // flush, wait up to `shutdown_grace`, then make run() return. Thread-safe, idempotent, may be
  // called before run().
  void stop();

 private:
  std::unique_ptr<server_impl> _impl;
};

}  // namespace roost::server
