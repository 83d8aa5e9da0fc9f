#pragma once
// The rules in force, shared by every I/O thread and changed while clients are connected: by a
// reload of the rule file (SIGHUP, the file changing on disk, the admin API) or by the native API,
// whose changes are written back to the file before they take effect.
//
//   auto store = rule_store::open("/etc/roost/acl.conf", true);
//   auto rules = (*store)->current();      // an immutable snapshot, never blocked by a writer
//   (*store)->edit(3, [](section& s) { s.rules.push_back(...); return std::string{}; });
//
// Readers take an immutable snapshot through an atomic pointer; writers are serialised among
// themselves, build the new set aside and swap it in whole. A failed parse or save changes
// nothing.

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "roost/acl/parse_rules.hpp"
#include "roost/acl/rule.hpp"

namespace roost::acl {

// A rule set with what the hot path wants to know about it precomputed.
struct active_rules {
  rule_set rules;
  std::vector<tenant_id> screening;  // tenants whose rules can refuse a delivery (sorted)

  // Whether `tenant`'s rules can refuse a delivery.
  bool screens(tenant_id tenant) const;
};

struct edit_error {
  enum class kind { invalid, not_found, storage };
  kind what = kind::invalid;
  std::string reason;
};

class rule_store {
 public:
  // Reads `file`. When it does not exist: an error if `must_exist`, else no rules (the file is
  // created by the first change). A syntax error names the file and line.
  static result<std::unique_ptr<rule_store>, parse_error> open(std::filesystem::path file, bool must_exist);

  // The rules in force now (never null).
  std::shared_ptr<const active_rules> current() const { return _current.load(std::memory_order_acquire); }

  // Whether any tenant's rules can refuse a delivery (one relaxed load: the hot path's fast check).
  bool any_screening() const { return _any_screening.load(std::memory_order_relaxed); }

  // Whether there is any section at all (one relaxed load: without one, everything is allowed).
  bool any_rules() const { return _any_rules.load(std::memory_order_relaxed); }

  // Reads the file again. On error (syntax, unreadable) the rules in force stay and the error is
  // returned; a missing file means no rules when it was allowed to be missing at open().
  result<std::size_t, parse_error> reload();

  // Changes the section of `tenant` (created empty, allowing everything, when it has none) with
  // `change`, which returns "" or the reason the change is refused (kind invalid; or, starting
  // with "not found: ", kind not_found). The result is checked rule by rule, written to the file,
  // and only then put in force. A section left with no rules and default allow is removed.
  // Returns the section as it is now.
  result<section, edit_error> edit(tenant_id tenant, const std::function<std::string(section&)>& change);

  // The rule file's path.
  const std::filesystem::path& file() const { return _file; }

  // Rules in force, over every section.
  std::size_t rule_count() const;

 private:
  rule_store(std::filesystem::path file, bool must_exist, rule_set initial);
  void install(rule_set rules);

  const std::filesystem::path _file;
  const bool _must_exist;
  std::mutex _writers;  // serialises reload() and edit(); readers never take it
  std::atomic<std::shared_ptr<const active_rules>> _current;
  std::atomic<bool> _any_screening{false};
  std::atomic<bool> _any_rules{false};
};

// The number of rules in `rules`, over every section.
std::size_t count_rules(const rule_set& rules);

}  // namespace roost::acl
