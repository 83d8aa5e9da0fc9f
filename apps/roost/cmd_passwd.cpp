// `roost passwd`: the terminal around roost::auth's password_edit functions.

#include "cmd_passwd.hpp"

#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "roost/auth/error.hpp"
#include "roost/auth/password_edit.hpp"

namespace {

struct passwd_options {
  bool create = false;
  bool batch = false;
  bool remove = false;
  bool scram = false;
  std::string file;
  std::string username;
  std::string password;
  bool password_given = false;
};

[[noreturn]] void stop(const std::string& reason) {
  std::cerr << "roost passwd: " << reason << "\n";
  throw CLI::RuntimeError(1);
}

void stop_on_error(const roost::auth::status& s) {
  if (!s) stop(s.error().to_string());
}

// While a password is typed the terminal does not echo it. The terminal's settings are restored
// when the reader is done, and also when the user gives up with Ctrl-C (or the process is
// terminated), which would otherwise leave the shell without echo.
termios g_saved_terminal;

extern "C" void restore_terminal_and_die(int signal_number) {
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved_terminal);  // async-signal-safe
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

class echo_off {
 public:
  echo_off() {
    if (!::isatty(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &g_saved_terminal) != 0) return;
    struct sigaction restore {};
    restore.sa_handler = restore_terminal_and_die;
    ::sigemptyset(&restore.sa_mask);
    ::sigaction(SIGINT, &restore, &_old_int);
    ::sigaction(SIGTERM, &restore, &_old_term);
    termios quiet = g_saved_terminal;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;  // still echo the newline, so the next prompt starts a new line
    _active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~echo_off() {
    if (!_active) return;
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved_terminal);
    ::sigaction(SIGINT, &_old_int, nullptr);
    ::sigaction(SIGTERM, &_old_term, nullptr);
  }
  echo_off(const echo_off&) = delete;
  echo_off& operator=(const echo_off&) = delete;

 private:
  bool _active = false;
  struct sigaction _old_int {};
  struct sigaction _old_term {};
};

// Shows `prompt` on stderr and reads one line from stdin without echo. When stdin is not a
// terminal (a pipe in a script) the line is read as it comes.
std::optional<std::string> read_password(const char* prompt) {
  std::cerr << prompt << std::flush;
  echo_off quiet;
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (!::isatty(STDIN_FILENO)) std::cerr << "\n";  // a terminal echoes the newline itself
  if (!read) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string ask_password_twice() {
  const auto first = read_password("Password: ");
  if (!first) stop("no password given");
  if (first->empty()) stop("the password is empty");
  const auto second = read_password("Reenter password: ");
  if (!second) stop("no password given");
  if (*first != *second) stop("the passwords do not match");
  return *first;
}

void run(const passwd_options& o) {
  if (o.remove) {
    stop_on_error(roost::auth::delete_user(o.file, o.username));
    return;
  }
  if (o.batch && !o.password_given) stop("-b needs the password after the username");
  // Fail on a bad username or file before asking for a password that could not be stored.
  stop_on_error(roost::auth::check_can_set_password(o.file, o.username, o.create));
  const std::string password = o.batch ? o.password : ask_password_twice();
  stop_on_error(roost::auth::set_user_password(o.file, o.username, password, o.create, 0, o.scram));
}

}  // namespace

void add_passwd_command(CLI::App& app) {
  auto options = std::make_shared<passwd_options>();
  CLI::App* cmd = app.add_subcommand(
      "passwd", "Add, change or delete a user in a password file (Mosquitto-compatible format)");
  cmd->footer(
      "Examples:\n"
      "  roost passwd -c /etc/roost/passwd alice       create the file with user alice\n"
      "  roost passwd /etc/roost/passwd bob            add bob or change his password\n"
      "  roost passwd -b /etc/roost/passwd carol pw    set a password without prompting\n"
      "  roost passwd -D /etc/roost/passwd bob         delete bob\n"
      "  roost passwd --scram /etc/roost/passwd dave   a SCRAM-SHA-256 verifier (MQTT 5 enhanced\n"
      "                                                authentication; Mosquitto cannot read it)");

  auto* create = cmd->add_flag("-c", options->create,
                               "Create the file, replacing it if it exists");
  auto* batch = cmd->add_flag("-b", options->batch,
                              "Batch mode: take the password from the command line");
  auto* remove = cmd->add_flag("-D", options->remove, "Delete the user");
  remove->excludes(create)->excludes(batch);
  cmd->add_flag("--scram", options->scram,
                "Store a SCRAM-SHA-256 verifier instead of a Mosquitto $7$ hash (for MQTT 5 enhanced "
                "authentication; also verifies plain passwords)")
      ->excludes(remove);
  cmd->add_option("file", options->file, "Password file")->required();
  cmd->add_option("username", options->username, "User to add, change or delete")->required();
  auto* password =
      cmd->add_option("password", options->password, "The password, with -b only")->needs(batch);

  cmd->callback([options, password] {
    options->password_given = password->count() > 0;
    run(*options);
  });
}
