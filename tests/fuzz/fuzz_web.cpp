// The web application (compatible API, native API, firmware, console files): arbitrary requests
// into web::application over real services in memory (engine with the device cloud's profile,
// topic registry, line hub, tenants, firmware catalog).
//
// Input layout: lines "METHOD PATH?QUERY", then "name: value" header lines, an empty line, and the
// body (the rest). Tenant keys in the input are real, so requests get past authentication: "KEY"
// in the input is replaced by tenant A's key, "ADMIN" is the admin key. Properties:
//  - every request is answered exactly once, synchronously (the services here never defer);
//  - the status is a valid HTTP status;
//  - a JSON response body is valid JSON;
//  - nothing crashes, leaks or overflows (ASan, UBSan).

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "../unit/platform/fake_tenant_repository.hpp"
#include "roost/base/clock.hpp"
#include "roost/broker/engine.hpp"
#include "roost/platform/cloud_profile.hpp"
#include "roost/platform/line_hub.hpp"
#include "roost/platform/tenant_directory.hpp"
#include "roost/platform/topic_registry.hpp"
#include "roost/web/application.hpp"
#include "support/memory_firmware_catalog.hpp"

namespace {

using namespace roost;

void check(bool property) {
  if (!property) __builtin_trap();
}

constexpr std::string_view key_a = "0123456789abcdef0123456789abcdef";
constexpr std::string_view admin_key = "admin-key-of-the-fuzzer";

std::string substitute(std::string s) {
  for (auto [from, to] : {std::pair{std::string_view{"KEY"}, key_a}, std::pair{std::string_view{"ADMIN"}, admin_key}}) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
      s.replace(at, from.size(), to);
    }
  }
  return s;
}

// Splits the input into a request (see the layout above).
web::request parse(std::string_view in) {
  web::request r;
  auto next_line = [&in]() -> std::optional<std::string_view> {
    if (in.empty()) return std::nullopt;
    const auto nl = in.find('\n');
    const auto line = in.substr(0, nl);
    in = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
    return line;
  };
  const auto first = next_line().value_or("GET /");
  const auto space = first.find(' ');
  r.method = std::string(first.substr(0, space));
  std::string target = space == std::string_view::npos ? "/" : substitute(std::string(first.substr(space + 1)));
  const auto q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = target.substr(q + 1);
  while (auto line = next_line()) {
    if (line->empty()) break;
    const auto colon = line->find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(line->substr(0, colon));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto value = line->substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    r.headers[name] = substitute(std::string(value));
  }
  r.body = substitute(std::string(in));
  r.remote = "192.0.2.7";
  return r;
}

struct world {
  std::int64_t wall = 1'700'000'000'000;
  test::fake_tenant_repository repo;
  platform::tenant_directory tenants{repo};
  platform::topic_registry topics{50};
  platform::cloud_profile profile{topics, tenants, [this] { return wall; }};
  platform::line_hub line{tenants, topics, [this] { return wall; }};
  test::memory_firmware_catalog firmware;
  broker::engine engine{broker::settings{}, nullptr, clock_type::time_point{}};
  std::unique_ptr<web::application> app;

  world() {
    repo.add({0, std::string(key_a), "a", 0, true, {}, {}});
    web::settings s;
    s.rate_per_second = 0;
    s.admin_key = std::string(admin_key);
    s.max_firmware_bytes = 4096;
    app = std::make_unique<web::application>(
        web::services{engine, profile, topics, line, tenants, [this] { return wall; }, firmware}, s);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static world w;  // state carries over between inputs, as in a running server
  ++w.wall;
  const web::request r = parse({reinterpret_cast<const char*>(data), size});
  int calls = 0;
  web::response got;
  w.app->handle(r, [&](web::response out) {
    ++calls;
    got = std::move(out);
  });
  check(calls == 1);
  check(got.status >= 100 && got.status <= 599);
  if (got.content_type.starts_with("application/json") && !got.body.empty()) {
    boost::system::error_code ec;
    boost::json::parse(got.body, ec);
    check(!ec);
  }
  return 0;
}
