#include "router.hpp"

#include <algorithm>

namespace roost::web {

void router::prefix(std::string prefix, handler h) {
  _prefixes.emplace_back(std::move(prefix), std::move(h));
  std::stable_sort(_prefixes.begin(), _prefixes.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

const handler* router::find(std::string_view path) const {
  if (auto it = _exact.find(path); it != _exact.end()) return &it->second;
  for (const auto& [p, h] : _prefixes) {
    if (path.starts_with(p)) return &h;
  }
  return nullptr;
}

}  // namespace roost::web
