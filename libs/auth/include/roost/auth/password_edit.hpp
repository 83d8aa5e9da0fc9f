#pragma once
// The edits behind `roost passwd`, without a terminal: each one validates its arguments, loads
// the file, changes one user and saves the file atomically (see password_file::save). The command
// only adds the password prompt, so these functions are where its rules live and are tested.

#include <filesystem>
#include <string_view>

#include "roost/auth/error.hpp"
#include "roost/auth/password_hash.hpp"

namespace roost::auth {

// The checks set_user_password makes before it needs the password (username, and without
// `create` a readable, well-formed file), so that a command can fail before asking for it.
status check_can_set_password(const std::filesystem::path& path, std::string_view username,
                              bool create);

// Sets the password of `username`, adding the user when absent. With `create` the file starts
// empty (an existing file is replaced); without it the file must exist. Fails, leaving the file
// untouched, for a username check_username refuses, an empty password, a missing file without
// `create`, or a malformed file. `scram` stores a SCRAM-SHA-256 verifier (scram.hpp: usable with
// MQTT 5 enhanced authentication and plain passwords, not read by Mosquitto) instead of $7$;
// `iterations` 0 takes the default of the form.
status set_user_password(const std::filesystem::path& path, std::string_view username,
                         std::string_view password, bool create, int iterations = 0,
                         bool scram = false);

// Removes `username`. Fails, leaving the file untouched, when the file or the user does not exist.
status delete_user(const std::filesystem::path& path, std::string_view username);

}  // namespace roost::auth
