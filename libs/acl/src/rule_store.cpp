// The live rule set: snapshots through an atomic pointer, changes saved to the file first.

#include "roost/acl/rule_store.hpp"

#include <algorithm>

#include "roost/acl/check_access.hpp"
#include "save_file.hpp"

namespace roost::acl {
namespace {

result<rule_set, parse_error> read_rules(const std::filesystem::path& file, bool must_exist) {
  std::string text;
  bool missing = false;
  if (auto bad = detail::load_file(file, text, missing); !bad.empty()) {
    if (missing && !must_exist) return rule_set{};
    return fail(parse_error{file.string(), 0, bad});
  }
  return parse_rules(text, file.string());
}

}  // namespace

bool active_rules::screens(tenant_id tenant) const {
  return std::binary_search(screening.begin(), screening.end(), tenant);
}

std::size_t count_rules(const rule_set& rules) {
  std::size_t n = 0;
  for (const auto& [tenant, s] : rules.sections) n += s.rules.size();
  return n;
}

result<std::unique_ptr<rule_store>, parse_error> rule_store::open(std::filesystem::path file, bool must_exist) {
  auto rules = read_rules(file, must_exist);
  if (!rules) return fail(rules.error());
  return std::unique_ptr<rule_store>(new rule_store(std::move(file), must_exist, std::move(*rules)));
}

rule_store::rule_store(std::filesystem::path file, bool must_exist, rule_set initial)
    : _file(std::move(file)), _must_exist(must_exist) {
  install(std::move(initial));
}

void rule_store::install(rule_set rules) {
  auto next = std::make_shared<active_rules>();
  for (const auto& [tenant, s] : rules.sections) {
    if (screens_deliveries(s)) next->screening.push_back(tenant);  // map order: sorted
  }
  next->rules = std::move(rules);
  const bool any = !next->screening.empty();
  const bool has_rules = !next->rules.sections.empty();
  // Publish the rules before the flag that sends readers to them.
  _current.store(std::move(next), std::memory_order_release);
  _any_screening.store(any, std::memory_order_relaxed);
  _any_rules.store(has_rules, std::memory_order_relaxed);
}

result<std::size_t, parse_error> rule_store::reload() {
  std::lock_guard guard{_writers};
  auto rules = read_rules(_file, _must_exist);
  if (!rules) return fail(rules.error());
  const std::size_t n = count_rules(*rules);
  install(std::move(*rules));
  return n;
}

result<section, edit_error> rule_store::edit(tenant_id tenant, const std::function<std::string(section&)>& change) {
  std::lock_guard guard{_writers};
  rule_set next = current()->rules;
  const bool is_new = !next.sections.contains(tenant);
  section& s = next.sections[tenant];
  if (is_new && next.sections.size() > 1) s.comment = "\n";  // a blank line before its header
  if (auto refused = change(s); !refused.empty()) {
    constexpr std::string_view not_found = "not found: ";
    if (refused.starts_with(not_found)) return fail(edit_error{edit_error::kind::not_found, refused.substr(not_found.size())});
    return fail(edit_error{edit_error::kind::invalid, std::move(refused)});
  }
  for (std::size_t i = 0; i < s.rules.size(); ++i) {
    if (auto bad = check_rule(s.rules[i]); !bad.empty()) {
      return fail(edit_error{edit_error::kind::invalid, "rule " + std::to_string(i) + ": " + bad});
    }
  }
  section now = s;
  if (s.rules.empty() && s.fallback == effect::allow) next.sections.erase(tenant);
  if (auto bad = detail::save_file(_file, format_rules(next)); !bad.empty()) {
    return fail(edit_error{edit_error::kind::storage, bad});
  }
  install(std::move(next));
  return now;
}

std::size_t rule_store::rule_count() const { return count_rules(current()->rules); }

}  // namespace roost::acl
