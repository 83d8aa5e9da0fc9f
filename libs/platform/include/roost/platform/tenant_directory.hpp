#pragma once
// The listeners' thread-safe view of the tenants: looks tenants up in the repository (so a tenant
// added with `roost tenant add` while the server runs can connect at once) and remembers the
// per-tenant settings the hot path needs, as of each tenant's latest successful lookup. The
// operator's API adds, lists and removes tenants through it while the server runs.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "roost/platform/tenant_record.hpp"
#include "roost/platform/tenant_repository.hpp"

namespace roost::platform {

class tenant_directory {
 public:
  // `repo` must outlive the directory; the directory serialises every call to it.
  explicit tenant_directory(tenant_repository& repo) : _repo(repo) {}

  // The tenant with this private key (or appID), or nullopt when there is none or the repository
  // fails (the failure is logged).
  std::optional<tenant> by_key(std::string_view private_key);
  std::optional<tenant> by_app_id(std::string_view app_id);

  // Whether unknown topics of the tenant are created on first use (true for a tenant not seen).
  bool auto_create_topics(std::int64_t tenant_id) const;

  // Creates a tenant named `name` with a new private key, created at `created_at` (Unix seconds)
  // and creating topics on first use. Fails with `random` or `storage` (`duplicate` in the
  // unlikely event of a key collision).
  tenant_result<tenant> add(std::string_view name, std::int64_t created_at);

  // Every tenant, oldest first.
  tenant_result<std::vector<tenant>> list();

  // Removes the tenant with id `tenant_id` (its stored topics, history, retained messages and
  // sessions go with it) and returns what it was; `not_found` when there is none. The tenant can
  // no longer sign in; connections it has open stay open.
  tenant_result<tenant> remove(std::int64_t tenant_id);

 private:
  std::optional<tenant> remember(std::optional<tenant> t);

  tenant_repository& _repo;
  mutable std::mutex _mutex;
  std::unordered_map<std::int64_t, bool> _auto_create;
};

}  // namespace roost::platform
