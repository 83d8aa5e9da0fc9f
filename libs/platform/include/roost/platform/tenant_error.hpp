#pragma once
// The one error type of the tenant registry: what kind of failure, and a sentence about it.
//
//   tenant_error{tenant_errc::not_found, "no tenant with key 0f3c..."}.reason

#include <string>
#include <variant>

#include "roost/base/result.hpp"

namespace roost::platform {

enum class tenant_errc {
  not_found,  // no tenant matches the key or appID
  duplicate,  // the key or appID is already taken
  invalid,    // a malformed key, name or credential
  random,     // the cryptographic random source failed
  storage,    // the repository behind the port failed (disk, database)
};

struct tenant_error {
  tenant_errc code = tenant_errc::storage;
  std::string reason;  // human-readable, lower case, no trailing period
};

template <class T>
using tenant_result = result<T, tenant_error>;

// The result of an operation that produces nothing but may fail.
using tenant_status = tenant_result<std::monostate>;

inline tenant_status tenant_ok() { return std::monostate{}; }

inline unexpected<tenant_error> tenant_fail(tenant_errc code, std::string reason) {
  return fail(tenant_error{code, std::move(reason)});
}

}  // namespace roost::platform
