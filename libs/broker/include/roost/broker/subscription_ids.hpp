#pragma once
// The MQTT 5 Subscription Identifiers one delivery carries: those of every subscription of the
// receiving session that matched the message [MQTT-3.3.4-3] [MQTT-3.3.4-5]. Most deliveries carry
// none or one, kept inline; two or more go to the heap. 16 bytes.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace roost::broker {

class subscription_ids {
 public:
  subscription_ids() = default;
  // A single identifier (0: none).
  explicit subscription_ids(std::uint32_t id) : _one(id) {}
  subscription_ids(const subscription_ids& other)
      : _one(other._one), _all(other._all ? std::make_unique<std::vector<std::uint32_t>>(*other._all) : nullptr) {}
  subscription_ids& operator=(const subscription_ids& other) {
    if (this != &other) *this = subscription_ids(other);
    return *this;
  }
  subscription_ids(subscription_ids&&) noexcept = default;
  subscription_ids& operator=(subscription_ids&&) noexcept = default;

  // Adds `id` (0, meaning "no identifier", is ignored).
  void add(std::uint32_t id) {
    if (id == 0) return;
    if (_all) {
      _all->push_back(id);
    } else if (_one == 0) {
      _one = id;
    } else {
      _all = std::make_unique<std::vector<std::uint32_t>>(std::vector<std::uint32_t>{_one, id});
    }
  }

  // Every identifier, in the order added; valid until the next change.
  std::span<const std::uint32_t> view() const {
    if (_all) return *_all;
    if (_one == 0) return {};
    return {&_one, 1};
  }

  bool empty() const { return _one == 0; }

 private:
  std::uint32_t _one = 0;                              // the first identifier; 0: none
  std::unique_ptr<std::vector<std::uint32_t>> _all;    // every identifier, once there are two
};

}  // namespace roost::broker
