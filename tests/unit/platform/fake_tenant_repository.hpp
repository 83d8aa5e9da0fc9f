#pragma once
// An in-memory tenant_repository for tests.

#include <algorithm>
#include <vector>

#include "roost/platform/tenant_repository.hpp"

namespace roost::test {

class fake_tenant_repository : public platform::tenant_repository {
 public:
  platform::tenant_result<platform::tenant> add(const platform::tenant& t) override {
    platform::tenant stored = t;
    stored.id = ++_next_id;
    _tenants.push_back(stored);
    return stored;
  }
  platform::tenant_status remove(std::string_view key) override {
    auto n = std::erase_if(_tenants, [&](const platform::tenant& t) { return t.private_key == key; });
    if (n == 0) return platform::tenant_fail(platform::tenant_errc::not_found, "no such tenant");
    return platform::tenant_ok();
  }
  platform::tenant_result<std::vector<platform::tenant>> list() override { return _tenants; }
  platform::tenant_result<std::optional<platform::tenant>> find_by_key(std::string_view key) override {
    return find([&](const platform::tenant& t) { return t.private_key == key; });
  }
  platform::tenant_result<std::optional<platform::tenant>> find_by_app_id(std::string_view app_id) override {
    return find([&](const platform::tenant& t) { return t.app_id && *t.app_id == app_id; });
  }
  platform::tenant_status set_app_credentials(std::string_view key, std::string_view app_id,
                                              std::string_view secret_hash) override {
    for (auto& t : _tenants) {
      if (t.private_key != key) continue;
      t.app_id = std::string(app_id);
      t.secret_hash = std::string(secret_hash);
      return platform::tenant_ok();
    }
    return platform::tenant_fail(platform::tenant_errc::not_found, "no such tenant");
  }
  platform::tenant_status set_auto_create_topics(std::string_view key, bool enabled) override {
    for (auto& t : _tenants) {
      if (t.private_key != key) continue;
      t.auto_create_topics = enabled;
      return platform::tenant_ok();
    }
    return platform::tenant_fail(platform::tenant_errc::not_found, "no such tenant");
  }

 private:
  template <class Pred>
  platform::tenant_result<std::optional<platform::tenant>> find(Pred pred) {
    auto it = std::find_if(_tenants.begin(), _tenants.end(), pred);
    if (it == _tenants.end()) return std::optional<platform::tenant>{};
    return std::optional<platform::tenant>{*it};
  }

  std::vector<platform::tenant> _tenants;
  std::int64_t _next_id = 0;
};

}  // namespace roost::test
