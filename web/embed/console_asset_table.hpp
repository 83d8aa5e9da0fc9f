#pragma once
// The table that the build generates from the console's files (web/cmake/embed_assets.cmake),
// read by console_assets.cpp. Sorted by path.

#include <cstddef>

#include "roost/web/console_assets.hpp"

namespace roost::web::detail {

extern const console_asset console_asset_table[];
extern const std::size_t console_asset_count;
extern const bool console_assets_are_built;

}  // namespace roost::web::detail
