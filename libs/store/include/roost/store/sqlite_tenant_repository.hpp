#pragma once
// platform::tenant_repository on the `tenants` table of a Roost database. Every call is one
// statement (or one short transaction) on the caller's thread, so it suits the `roost tenant`
// command and start-up; the server's hot path goes through the write-behind worker instead.

#include "roost/platform/tenant_repository.hpp"
#include "roost/store/database.hpp"

namespace roost::store {

class sqlite_tenant_repository final : public platform::tenant_repository {
 public:
  // `db` must outlive the repository and have been migrated (open_data_dir does both).
  explicit sqlite_tenant_repository(database& db) : _db(db) {}

  platform::tenant_result<platform::tenant> add(const platform::tenant& t) override;
  platform::tenant_status remove(std::string_view private_key) override;
  platform::tenant_result<std::vector<platform::tenant>> list() override;
  platform::tenant_result<std::optional<platform::tenant>> find_by_key(
      std::string_view private_key) override;
  platform::tenant_result<std::optional<platform::tenant>> find_by_app_id(
      std::string_view app_id) override;
  platform::tenant_status set_app_credentials(std::string_view private_key,
                                              std::string_view app_id,
                                              std::string_view secret_hash) override;
  platform::tenant_status set_auto_create_topics(std::string_view private_key,
                                                 bool enabled) override;

 private:
  platform::tenant_result<std::optional<platform::tenant>> find_one(std::string_view sql,
                                                                    std::string_view value);
  database& _db;
};

}  // namespace roost::store
