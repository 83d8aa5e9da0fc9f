#pragma once
// Certificates for trying TLS out (`roost cert self-signed`): a CA of its own, a server certificate
// signed by it for the given host names and addresses, and optionally a client certificate. EC
// P-256 keys, SHA-256 signatures, X.509 v3 with the extensions verifiers expect (basic constraints,
// key usage, extended key usage, subject alternative names, key identifiers). PEM text only; the
// command writes the files.

#include <string>
#include <vector>

#include "roost/base/result.hpp"

namespace roost::app {

struct self_signed_request {
  // Names (DNS) and addresses (IPv4, IPv6) the server certificate is valid for; the first is its CN.
  std::vector<std::string> hosts{"localhost", "127.0.0.1"};
  int days = 365;           // validity of every certificate, from now
  std::string client_name;  // CN of a client certificate signed by the CA; empty: none
};

struct pem_pair {
  std::string certificate;
  std::string key;  // PKCS #8, unencrypted
};

struct self_signed_set {
  pem_pair ca;
  pem_pair server;
  pem_pair client;  // empty unless asked for
};

// Makes the set. Fails with OpenSSL's reason, or when a host is empty or days is not positive.
result<self_signed_set, std::string> make_self_signed(const self_signed_request& request);

}  // namespace roost::app
