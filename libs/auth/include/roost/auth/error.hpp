#pragma once
// The one error type of roost::auth: what went wrong, and where when a file is involved.
//
//   error{"/etc/roost/passwd", 7, "expected username:hash"}.to_string()
//     -> "/etc/roost/passwd:7: expected username:hash"

#include <cstddef>
#include <string>
#include <variant>

#include "roost/base/result.hpp"

namespace roost::auth {

struct error {
  std::string path;      // the file involved, empty when none
  std::size_t line = 0;  // 1-based line in `path`, 0 when the error is not about one line
  std::string reason;    // human-readable, lower case, no trailing period

  // "path:line: reason", "path: reason" or "reason", depending on what is known.
  std::string to_string() const {
    std::string out = path;
    if (!out.empty() && line != 0) out += ":" + std::to_string(line);
    if (!out.empty()) out += ": ";
    return out + reason;
  }
};

// The result of an operation that produces nothing but may fail.
using status = result<std::monostate, error>;

inline status succeeded() { return std::monostate{}; }

}  // namespace roost::auth
