#pragma once
// `roost passwd`: manage a password file, with the options of mosquitto_passwd.
//
//   roost passwd [-c] FILE USER              set USER's password, asked twice without echo
//   roost passwd [-c] -b FILE USER PASSWORD  set it from the command line (batch mode)
//   roost passwd -D FILE USER                delete USER
//
// -c creates the file, replacing an existing one. Files are rewritten atomically with mode 0600.

namespace CLI {
class App;
}

// Adds the `passwd` subcommand to `app`. It runs during app.parse(); on failure it prints
// "roost passwd: <reason>" to stderr and throws CLI::RuntimeError(1), which app.exit() (and so
// CLI11_PARSE) turns into exit code 1 without printing anything more.
void add_passwd_command(CLI::App& app);
