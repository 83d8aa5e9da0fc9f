#include "roost/platform/tenant_directory.hpp"

#include <string>

#include "roost/base/log.hpp"
#include "roost/platform/tenant_key.hpp"

namespace roost::platform {
namespace {

template <class Lookup>
std::optional<tenant> checked(Lookup&& lookup, std::string_view what) {
  auto found = lookup();
  if (!found) {
    log::write(log::level::error, "tenant lookup by " + std::string(what) + " failed: " + found.error().reason);
    return std::nullopt;
  }
  return std::move(*found);
}

}  // namespace

std::optional<tenant> tenant_directory::remember(std::optional<tenant> t) {
  if (t) _auto_create[t->id] = t->auto_create_topics;
  return t;
}

std::optional<tenant> tenant_directory::by_key(std::string_view private_key) {
  std::lock_guard guard{_mutex};
  return remember(checked([&] { return _repo.find_by_key(private_key); }, "key"));
}

std::optional<tenant> tenant_directory::by_app_id(std::string_view app_id) {
  std::lock_guard guard{_mutex};
  return remember(checked([&] { return _repo.find_by_app_id(app_id); }, "appID"));
}

bool tenant_directory::auto_create_topics(std::int64_t tenant_id) const {
  std::lock_guard guard{_mutex};
  auto it = _auto_create.find(tenant_id);
  return it == _auto_create.end() || it->second;
}

tenant_result<tenant> tenant_directory::add(std::string_view name, std::int64_t created_at) {
  auto key = generate_private_key();
  if (!key) return fail(key.error());
  tenant t;
  t.private_key = std::move(*key);
  t.name.assign(name);
  t.created_at = created_at;
  std::lock_guard guard{_mutex};
  return _repo.add(t);
}

tenant_result<std::vector<tenant>> tenant_directory::list() {
  std::lock_guard guard{_mutex};
  return _repo.list();
}

tenant_result<tenant> tenant_directory::remove(std::int64_t tenant_id) {
  std::lock_guard guard{_mutex};
  auto all = _repo.list();
  if (!all) return fail(all.error());
  for (const tenant& t : *all) {
    if (t.id != tenant_id) continue;
    if (auto removed = _repo.remove(t.private_key); !removed) return fail(removed.error());
    _auto_create.erase(t.id);
    return t;
  }
  return tenant_fail(tenant_errc::not_found, "no tenant with id " + std::to_string(tenant_id));
}

}  // namespace roost::platform
