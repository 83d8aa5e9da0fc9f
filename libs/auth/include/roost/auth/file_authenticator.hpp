#pragma once
// The broker's authenticator port backed by an optional password file.
//
//   username   password file   allow_anonymous   result
//   --------   -------------   ---------------   ------------------------------------------------
//   none       any             true / false      allowed / not_authorized (CONNACK 0x05)
//   given      configured      any               allowed if the user exists and the password
//                                                verifies, else bad_credentials (CONNACK 0x04)
//   given      none            true / false      allowed as anonymous / not_authorized
//   certified  any             any               allowed (the CN of a verified TLS client
//                                                certificate: the certificate is the credential)
//
// Thread-safe: authenticate() runs on several I/O threads while reload() may swap in a new table.
// The table is immutable once loaded; the lock only guards the pointer to it and is never held
// while a password is hashed.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <shared_mutex>

#include "roost/auth/error.hpp"
#include "roost/auth/password_file.hpp"
#include "roost/broker/authenticator.hpp"

namespace roost::auth {

struct file_authenticator_options {
  bool allow_anonymous = true;
  std::optional<std::filesystem::path> password_file;
};

class file_authenticator final : public broker::authenticator {
 public:
  // Loads the password file when one is configured. Fails (with path, line and reason) when it is
  // missing or malformed: better to refuse to start than to run with a user silently missing.
  static result<std::unique_ptr<file_authenticator>, error> open(
      file_authenticator_options options);

  file_authenticator(const file_authenticator&) = delete;
  file_authenticator& operator=(const file_authenticator&) = delete;

  // Decides one CONNECT by the table above. Costs one password hash when a username is checked
  // against the file (also for an unknown user, so timing does not reveal who exists).
  broker::auth_decision authenticate(const broker::credentials& c) override;

  // MQTT 5 enhanced authentication: "SCRAM-SHA-256" against the users of the password file that
  // have a $scram-sha-256$ verifier (scram_exchange.hpp); null (CONNACK 0x8C) for another method
  // or without a password file.
  std::unique_ptr<broker::auth_exchange> start_exchange(std::string_view method, std::string_view client_id) override;

  // Re-reads the password file. On error the users loaded before stay in force and the error is
  // returned; without a configured password file it does nothing.
  status reload();

  // Users in the table now in force.
  std::size_t user_count() const;

  // Whether the table now in force has `username` (false without a password file).
  bool knows(std::string_view username) const;

  const file_authenticator_options& options() const { return _options; }

 private:
  using table_ptr = std::shared_ptr<const password_file>;
  file_authenticator(file_authenticator_options options, table_ptr users);
  table_ptr current() const;

  const file_authenticator_options _options;
  mutable std::shared_mutex _mutex;  // guards the _users pointer, not the table it points to
  table_ptr _users;                  // null when no password file is configured
};

}  // namespace roost::auth
