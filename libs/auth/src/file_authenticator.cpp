// Password-file authentication for the broker. See file_authenticator.hpp for the rules.

#include "roost/auth/file_authenticator.hpp"

#include <mutex>
#include <string_view>
#include <utility>

#include "roost/auth/password_hash.hpp"
#include "roost/auth/scram_exchange.hpp"

namespace roost::auth {
namespace {

using broker::auth_result;

// Stands in for an unknown user so that a miss costs as much as a hit with Roost's own hashes.
// Its digest is all zeros, which no password produces in practice: it never verifies.
const password_hash& decoy_hash() {
  static const password_hash decoy{hash_algorithm::sha512_pbkdf2, default_iterations,
                                   std::vector<std::uint8_t>(salt_size, 0),
                                   std::vector<std::uint8_t>(digest_size, 0), {}};
  return decoy;
}

std::string_view as_text(const mqtt::byte_view b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace

result<std::unique_ptr<file_authenticator>, error> file_authenticator::open(
    file_authenticator_options options) {
  table_ptr users;
  if (options.password_file) {
    auto loaded = password_file::load(*options.password_file);
    if (!loaded) return fail(loaded.error());
    users = std::make_shared<const password_file>(std::move(*loaded));
  }
  return std::unique_ptr<file_authenticator>(
      new file_authenticator(std::move(options), std::move(users)));
}

file_authenticator::file_authenticator(file_authenticator_options options, table_ptr users)
    : _options(std::move(options)), _users(std::move(users)) {}

file_authenticator::table_ptr file_authenticator::current() const {
  std::shared_lock lock(_mutex);
  return _users;
}

broker::auth_decision file_authenticator::authenticate(const broker::credentials& c) {
  const auth_result anonymous =
      _options.allow_anonymous ? auth_result::allowed : auth_result::not_authorized;
  if (c.certified) return auth_result::allowed;  // a verified client certificate is the credential
  if (!c.username) return anonymous;
  if (!_options.password_file) return anonymous;  // no users to check a name against

  // A copy of the pointer keeps this table alive while we hash without the lock, even if a
  // reload replaces it meanwhile.
  const table_ptr users = current();
  const password_hash* hash = users->find(*c.username);
  const std::string_view password = c.password ? as_text(*c.password) : std::string_view{};
  const bool verified = verify_password(hash ? *hash : decoy_hash(), password);
  return verified && hash && c.password ? auth_result::allowed : auth_result::bad_credentials;
}

std::unique_ptr<broker::auth_exchange> file_authenticator::start_exchange(std::string_view method,
                                                                         std::string_view) {
  if (method != scram_sha256_method || !_options.password_file) return nullptr;
  // The exchange keeps the table it started with, even if a reload replaces it meanwhile.
  return make_scram_exchange([users = current()](std::string_view username) -> std::optional<password_hash> {
    const password_hash* hash = users ? users->find(username) : nullptr;
    if (hash == nullptr) return std::nullopt;
    return *hash;
  });
}

status file_authenticator::reload() {
  if (!_options.password_file) return succeeded();
  auto loaded = password_file::load(*_options.password_file);
  if (!loaded) return fail(loaded.error());
  auto users = std::make_shared<const password_file>(std::move(*loaded));
  {
    std::unique_lock lock(_mutex);
    _users.swap(users);
  }
  // The old table is released here, outside the lock (or later by the last authenticate using it).
  return succeeded();
}

bool file_authenticator::knows(std::string_view username) const {
  const table_ptr users = current();
  return users && users->find(username) != nullptr;
}

std::size_t file_authenticator::user_count() const {
  const table_ptr users = current();
  return users ? users->size() : 0;
}

}  // namespace roost::auth
