#pragma once
// The TLS side of one listener: its OpenSSL context, built from the listener's tls_settings and
// swapped for a new one on reload. Connections take the context current at their accept and keep
// it, so a reload changes only later handshakes. This header names no OpenSSL or Asio SSL type
// beyond forward declarations; tls_context.cpp is the one file that configures contexts.

#include <memory>
#include <mutex>
#include <string>

#include "roost/base/result.hpp"
#include "roost/server/config.hpp"

struct ssl_st;  // OpenSSL's SSL

namespace boost::asio::ssl {
class context;
}

namespace roost::server {

class tls_context {
 public:
  using context_ptr = std::shared_ptr<boost::asio::ssl::context>;

  // Loads the certificate chain, key and (when set) client CA file of `settings`. The error names
  // the file and OpenSSL's reason: "certificate /etc/roost/server.crt: No such file or directory".
  static result<std::shared_ptr<tls_context>, std::string> open(tls_settings settings);

  // The context for the next handshake. Thread-safe.
  context_ptr current() const;

  // Re-reads the files. On failure the context in force stays and the error is returned (empty
  // string: success). Thread-safe; live connections are not affected either way.
  std::string reload();

  const tls_settings& settings() const { return _settings; }

 private:
  tls_context(tls_settings settings, context_ptr ctx) : _settings(std::move(settings)), _current(std::move(ctx)) {}

  const tls_settings _settings;
  mutable std::mutex _lock;  // guards _current only
  context_ptr _current;
};

// The subject CN of the peer's certificate when the handshake verified one, else empty.
std::string verified_peer_name(ssl_st* ssl);

}  // namespace roost::server
