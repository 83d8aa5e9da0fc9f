#include "roost/web/console_assets.hpp"

#include <algorithm>

#include "console_asset_table.hpp"

namespace roost::web {

std::span<const console_asset> console_assets() {
  return {detail::console_asset_table, detail::console_asset_count};
}

const console_asset* find_console_asset(std::string_view path) {
  const auto all = console_assets();
  const auto it = std::lower_bound(all.begin(), all.end(), path,
                                   [](const console_asset& a, std::string_view p) { return a.path < p; });
  return it != all.end() && it->path == path ? &*it : nullptr;
}

bool console_built() { return detail::console_assets_are_built; }

}  // namespace roost::web
