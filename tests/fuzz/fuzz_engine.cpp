// Fuzzes the broker core with arbitrary client bytes: two connected clients and one that never
// connected feed chunks of the input, the engine's output is pulled after every chunk, and time
// moves on now and then; durable state goes to an in-memory store whose commits the input
// decides (selector bits 0x30 set: commit, failed with 0x08). Any crash, sanitizer report or leak is a finding; the engine must simply
// close the connections whose input is malformed.
//
// Input: [settings byte] then records of [selector byte][length byte][length bytes].

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "roost/broker/engine.hpp"
#include "support/memory_persistence.hpp"
#include "roost/mqtt/encode.hpp"

namespace {

using namespace roost;

struct fuzz_link : broker::link {
  void wake() override {}
  void close() override { closing = true; }
  bool closing = false;
};

struct client {
  fuzz_link link;
  std::shared_ptr<broker::connection> conn;
  bool gone = false;
};

void drain(broker::engine& e, client& c, time_point now) {
  if (c.gone) return;
  broker::outbound out;
  for (int i = 0; i < 64; ++i) {
    out.clear();
    const auto status = e.pull(*c.conn, out, 4096);
    e.wrote(*c.conn, out.total);
    if (status == broker::pull_status::close) {
      e.closed(*c.conn, now);
      c.gone = true;
      return;
    }
    if (status == broker::pull_status::idle) return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  broker::settings cfg;
  cfg.max_inflight = static_cast<std::uint16_t>(1 + (data[0] & 0x07));
  cfg.max_queued_messages = 1 + (data[0] >> 3 & 0x07);
  cfg.max_packet_size = 256;
  cfg.max_topic_levels = 8;
  cfg.sys_interval = seconds(1);
  time_point now{};
  // Every report goes to an in-memory store that throws (a finding) on a report about a session
  // it was never told of; acknowledgements wait for commits that the input decides on.
  test::memory_persistence store;
  broker::engine e{cfg, nullptr, now};
  e.persist_to(&store, true);

  std::vector<std::unique_ptr<client>> clients;
  for (int i = 0; i < 3; ++i) {
    auto c = std::make_unique<client>();
    c->conn = e.open(c->link, "fuzz", now);
    clients.push_back(std::move(c));
  }
  // Clients 0 and 1 connect properly (1 with a persistent session and a will); 2 does not.
  for (int i = 0; i < 2; ++i) {
    mqtt::connect c;
    c.client_id = i == 0 ? "a" : "b";
    c.clean_session = i == 0;
    c.keep_alive = 5;
    if (i == 1) c.will = mqtt::will_message{"w/b", {'x'}, 1, true};
    mqtt::bytes b;
    mqtt::encode(c, b);
    e.receive(*clients[static_cast<std::size_t>(i)]->conn, b, now);
  }

  std::size_t pos = 1;
  while (pos + 2 <= size) {
    const std::uint8_t selector = data[pos];
    const std::size_t len = data[pos + 1];
    pos += 2;
    const std::size_t n = len < size - pos ? len : size - pos;
    client& c = *clients[selector % clients.size()];
    if (selector & 0x80) {
      now += milliseconds(700);
      e.tick(now);
    }
    if ((selector & 0x30) == 0x30) store.commit((selector & 0x08) == 0);
    if (selector & 0x40 && !c.gone) {
      e.closed(*c.conn, now);  // the socket drops
      c.gone = true;
    } else if (!c.gone) {
      std::vector<std::uint8_t> chunk(data + pos, data + pos + n);  // freed after use: stale views show
      e.receive(*c.conn, chunk, now);
    }
    pos += n;
    for (auto& each : clients) drain(e, *each, now);
  }
  for (auto& c : clients) {
    if (!c->gone) e.closed(*c->conn, now);
  }
  return 0;
}
