#pragma once
// The HTTP authentication hook: for each CONNECT it POSTs the client's credentials as JSON to a
// configured URL and allows the client when the answer is 200 with {"result":"allow"}; anything
// else denies. Verdicts are cached (keyed by every input, the password hashed), allowances for
// `ttl`, refusals for `negative_ttl`; an unreachable hook denies and is not cached. Thread-safe:
// several I/O threads may ask at once (each request blocks only its caller, never the broker's
// lock). Protocol: docs/authentication.md.
//
//   POST /auth  {"clientid":"c1","username":"alice","password":"secret","listener":"mqtt"}
//   200 {"result":"allow"}                        -> allowed, scope 0
//   200 {"result":"allow","tenant":3}             -> allowed into tenant 3's MQTT scope
//   200 {"result":"allow","superuser":true}       -> allowed, access rules do not apply
//   200 {"result":"deny"} / 4xx / 5xx / bad JSON  -> bad user name or password (cached)
//   no answer within the timeout                  -> not authorized (not cached)

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "roost/auth/auth_cache.hpp"
#include "roost/auth/http_post.hpp"
#include "roost/broker/authenticator.hpp"

namespace roost::auth {

struct http_hook_options {
  http_url url;
  duration timeout = seconds(2);
  duration ttl = seconds(30);          // how long an allowance is remembered (0: not at all)
  duration negative_ttl = seconds(5);  // how long a refusal is remembered (0: not at all)
  std::size_t cache_capacity = 100000;
};

class http_authenticator {
 public:
  // What carries a request (post_json in production; tests pass their own).
  using transport = std::function<http_reply(const http_url&, std::string_view body, duration timeout)>;
  // The clock the cache reads.
  using clock = std::function<time_point()>;

  explicit http_authenticator(http_hook_options options, transport send = post_json,
                              clock now = [] { return clock_type::now(); });

  // The verdict for `c` arriving on the listener called `listener`: from the cache, else from the
  // hook. Blocks up to the timeout when the hook is asked.
  broker::auth_decision authenticate(const broker::credentials& c, std::string_view listener);

  // The JSON body sent for `c` on `listener`.
  static std::string request_body(const broker::credentials& c, std::string_view listener);

  // The verdict an answer stands for (see the table above).
  static broker::auth_decision verdict(const http_reply& reply);

  // Requests sent to the hook so far (for logs and tests).
  std::uint64_t requests() const { return _requests.load(std::memory_order_relaxed); }

 private:
  const http_hook_options _options;
  transport _send;
  clock _now;
  auth_cache _cache;
  std::atomic<std::uint64_t> _requests{0};
};

}  // namespace roost::auth
