#pragma once
// The tests' temporary directory (tests/support/temp_dir.hpp), under this module's test namespace.

#include "support/temp_dir.hpp"

namespace roost::store::test {
using roost::test::temp_dir;
}  // namespace roost::store::test
