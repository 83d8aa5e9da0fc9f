// One-user edits of a password file, shared by `roost passwd` and its tests.

#include "roost/auth/password_edit.hpp"

#include <string>
#include <system_error>

#include "roost/auth/password_file.hpp"
#include "roost/auth/scram.hpp"

namespace roost::auth {
namespace {

// The file as it is now, or an error that tells how to create it.
result<password_file, error> load_existing(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !ec) {
    return fail(error{path.string(), 0, "the file does not exist (use -c to create it)"});
  }
  return password_file::load(path);
}

}  // namespace

status check_can_set_password(const std::filesystem::path& path, std::string_view username,
                              bool create) {
  if (auto ok = check_username(username); !ok) return ok;
  if (create) return succeeded();
  auto file = load_existing(path);
  if (!file) return fail(file.error());
  return succeeded();
}

status set_user_password(const std::filesystem::path& path, std::string_view username,
                         std::string_view password, bool create, int iterations, bool scram) {
  if (auto ok = check_username(username); !ok) return ok;
  if (password.empty()) return fail(error{{}, 0, "the password is empty"});

  auto file = create ? result<password_file, error>(password_file{}) : load_existing(path);
  if (!file) return fail(file.error());
  if (iterations == 0) iterations = scram ? default_scram_iterations : default_iterations;
  auto hash = scram ? make_scram_verifier(password, iterations) : hash_password(password, iterations);
  if (!hash) return fail(hash.error());
  if (auto ok = file->set(username, *hash); !ok) return ok;
  return file->save(path);
}

status delete_user(const std::filesystem::path& path, std::string_view username) {
  auto file = load_existing(path);
  if (!file) return fail(file.error());
  if (!file->remove(username)) {
    return fail(error{path.string(), 0, "no user '" + std::string(username) + "'"});
  }
  return file->save(path);
}

}  // namespace roost::auth
