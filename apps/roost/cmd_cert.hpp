#pragma once
// `roost cert`: certificates for TLS.
//
//   roost cert self-signed [--out DIR] [--host NAME|IP ...] [--days N] [--client NAME] [--force]
//
// writes DIR/ca.crt, ca.key, server.crt, server.key (and client.crt, client.key with --client):
// keys with mode 0600. Existing files are kept unless --force is given. Prints what to configure.

namespace CLI {
class App;
}

// Adds the `cert` subcommand to `app`. On failure it prints "roost cert: <reason>" to stderr and
// throws CLI::RuntimeError(1).
void add_cert_command(CLI::App& app);
