// `roost tenant`: the terminal around roost::platform's tenant domain and roost::store's database.

#include "cmd_tenant.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "roost/platform/tenant_credentials.hpp"
#include "roost/platform/tenant_key.hpp"
#include "roost/store/open_database.hpp"
#include "roost/store/sqlite_tenant_repository.hpp"

namespace {

using roost::platform::tenant;

constexpr std::size_t max_name_size = 200;

struct tenant_options {
  std::string data_dir = "./roost-data";
  std::string name;
  std::string key;
  bool auto_create = true;
};

// One subcommand's failures, all with its name in front.
class reporter {
 public:
  explicit reporter(std::string verb) : _prefix("roost tenant " + std::move(verb) + ": ") {}

  [[noreturn]] void stop(const std::string& reason) const {
    std::cerr << _prefix << reason << "\n";
    throw CLI::RuntimeError(1);
  }
  template <class T>
  T check(roost::platform::tenant_result<T> r) const {
    if (!r) stop(r.error().reason);
    return std::move(r).value();
  }
  void warn(const std::string& notice) const { std::cerr << _prefix << "warning: " << notice << "\n"; }

 private:
  std::string _prefix;
};

// The data directory's database, migrated; what open_data_dir did on the way is shown as warnings.
roost::store::database open_store(const reporter& r, const std::string& data_dir) {
  auto opened = roost::store::open_data_dir(data_dir);
  if (!opened) r.stop(opened.error().reason);
  for (const auto& notice : opened->notices) r.warn(notice);
  return std::move(opened->db);
}

std::string utc_time(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm parts{};
  ::gmtime_r(&t, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void check_name(const reporter& r, const std::string& name) {
  if (name.size() > max_name_size) r.stop("the name is longer than 200 bytes");
  for (const char ch : name) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) r.stop("the name contains a control character");
  }
}

void check_key(const reporter& r, const std::string& key) {
  if (!roost::platform::valid_private_key(key)) {
    r.stop("'" + key + "' is not a private key (32 lowercase hex characters)");
  }
}

void run_add(const tenant_options& o) {
  const reporter r("add");
  check_name(r, o.name);
  auto db = open_store(r, o.data_dir);
  roost::store::sqlite_tenant_repository repo(db);
  tenant t;
  t.private_key = r.check(roost::platform::generate_private_key());
  t.name = o.name;
  t.created_at = now_seconds();
  const tenant added = r.check(repo.add(t));
  std::cout << "private key: " << added.private_key << "\n";
  if (!added.name.empty()) std::cout << "name: " << added.name << "\n";
}

void run_list(const tenant_options& o) {
  const reporter r("list");
  auto db = open_store(r, o.data_dir);
  roost::store::sqlite_tenant_repository repo(db);
  const auto all = r.check(repo.list());
  if (all.empty()) {
    std::cerr << "no tenants in " << o.data_dir << " (add one with: roost tenant add --name NAME)\n";
    return;
  }
  std::cout << "PRIVATE KEY                       CREATED               APP ID                       NAME\n";
  for (const tenant& t : all) {
    std::string app = t.app_id ? *t.app_id : "-";
    app.resize(std::max<std::size_t>(app.size(), 28), ' ');
    std::cout << t.private_key << "  " << utc_time(t.created_at) << "  " << app << " " << t.name
              << "\n";
  }
}

void run_remove(const tenant_options& o) {
  const reporter r("remove");
  check_key(r, o.key);
  auto db = open_store(r, o.data_dir);
  roost::store::sqlite_tenant_repository repo(db);
  r.check(repo.remove(o.key));
  std::cout << "removed tenant " << o.key << "\n";
}

void run_credentials(const tenant_options& o) {
  const reporter r("credentials");
  check_key(r, o.key);
  auto db = open_store(r, o.data_dir);
  roost::store::sqlite_tenant_repository repo(db);
  if (!r.check(repo.find_by_key(o.key))) r.stop("no tenant with key " + o.key);
  const auto creds = r.check(roost::platform::generate_app_credentials());
  const auto hash = r.check(roost::platform::hash_secret_key(creds.secret_key));
  r.check(repo.set_app_credentials(o.key, creds.app_id, hash));
  std::cout << "appID: " << creds.app_id << "\n";
  std::cout << "secretKey: " << creds.secret_key << "\n";
  std::cerr << "The secretKey is shown only now; roost keeps only a hash of it. Running this "
               "command again replaces the pair.\n";
}

void run_auto_create(const tenant_options& o) {
  const reporter r("auto-create");
  check_key(r, o.key);
  auto db = open_store(r, o.data_dir);
  roost::store::sqlite_tenant_repository repo(db);
  r.check(repo.set_auto_create_topics(o.key, o.auto_create));
  std::cout << "tenant " << o.key << ": unknown topics are " << (o.auto_create ? "created" : "refused") << "\n";
}

// Adds --data to `cmd`, stored in options->data_dir.
void add_data_option(CLI::App* cmd, const std::shared_ptr<tenant_options>& options) {
  cmd->add_option("--data", options->data_dir, "Data directory holding roost.db")
      ->type_name("DIR")
      ->capture_default_str();
}

}  // namespace

void add_tenant_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("tenant", "Manage device-cloud tenants (accounts)");
  cmd->require_subcommand(1);
  cmd->footer(
      "Examples:\n"
      "  roost tenant add --name home                 create a tenant, print its private key\n"
      "  roost tenant list                            show every tenant\n"
      "  roost tenant credentials KEY                 create an appID/secretKey pair\n"
      "  roost tenant remove KEY                      delete a tenant and its data\n"
      "  roost tenant auto-create KEY off             refuse topics the tenant has not created");
  auto options = std::make_shared<tenant_options>();

  CLI::App* add = cmd->add_subcommand("add", "Create a tenant and print its private key");
  add->add_option("--name", options->name, "A name for people (shown by list)")->type_name("NAME");
  add_data_option(add, options);
  add->callback([options] { run_add(*options); });

  CLI::App* list = cmd->add_subcommand("list", "List the tenants");
  add_data_option(list, options);
  list->callback([options] { run_list(*options); });

  CLI::App* remove = cmd->add_subcommand("remove", "Delete a tenant with its topics, history, "
                                                   "retained messages and sessions");
  remove->add_option("key", options->key, "The tenant's private key")->required();
  add_data_option(remove, options);
  remove->callback([options] { run_remove(*options); });

  CLI::App* credentials = cmd->add_subcommand(
      "credentials", "Create (or replace) the tenant's appID/secretKey pair and print it once");
  credentials->add_option("key", options->key, "The tenant's private key")->required();
  add_data_option(credentials, options);
  credentials->callback([options] { run_credentials(*options); });

  CLI::App* auto_create = cmd->add_subcommand(
      "auto-create", "Whether publishing or subscribing to an unknown topic creates it (on) or is refused (off)");
  auto_create->add_option("key", options->key, "The tenant's private key")->required();
  auto_create->add_option("setting", options->auto_create, "on or off")
      ->required()
      ->transform(CLI::CheckedTransformer(std::map<std::string, bool>{{"on", true}, {"off", false}}));
  add_data_option(auto_create, options);
  auto_create->callback([options] { run_auto_create(*options); });
}
