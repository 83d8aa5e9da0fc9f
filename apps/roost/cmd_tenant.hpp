#pragma once
// `roost tenant`: manage the tenants (device-cloud accounts) in the data directory's database.
//
//   roost tenant add [--name NAME] [--data DIR]      create a tenant, print its private key
//   roost tenant list [--data DIR]                   key, creation time, appID, name of each
//   roost tenant remove KEY [--data DIR]             delete a tenant and everything it owns
//   roost tenant credentials KEY [--data DIR]        new appID/secretKey pair, printed once
//
// --data defaults to ./roost-data, as for `roost serve`. Safe while a server runs on the same
// directory: both share the SQLite file (WAL mode, busy timeout).

namespace CLI {
class App;
}

// Adds the `tenant` subcommand to `app`. On failure a subcommand prints "roost tenant <verb>:
// <reason>" to stderr and throws CLI::RuntimeError(1), which CLI11_PARSE turns into exit code 1.
void add_tenant_command(CLI::App& app);
