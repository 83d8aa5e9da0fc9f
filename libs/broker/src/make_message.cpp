// Making a message: the shared_ptr control block, the message and a copy of its topic, properties
// and payload in one allocation. allocate_shared allocates the control block (with the message inside) through
// an allocator that asks for `tail` more bytes and reports where they start.

#include <cstring>
#include <new>

#include "roost/broker/message.hpp"

namespace roost::broker {
namespace {

template <class T>
struct tail_allocator {
  using value_type = T;

  std::size_t tail = 0;                 // bytes placed after the allocated object
  std::uint8_t** tail_at = nullptr;     // where allocate() reports the first of them

  tail_allocator(std::size_t n, std::uint8_t** at) : tail(n), tail_at(at) {}
  template <class U>
  tail_allocator(const tail_allocator<U>& other) : tail(other.tail), tail_at(other.tail_at) {}

  T* allocate(std::size_t n) {
    auto* p = static_cast<std::uint8_t*>(::operator new(n * sizeof(T) + tail));
    *tail_at = p + n * sizeof(T);
    return reinterpret_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(static_cast<void*>(p)); }

  template <class U>
  bool operator==(const tail_allocator<U>& other) const {
    return tail == other.tail;
  }
};

}  // namespace

message_ptr make_message(scope_id scope, std::string_view topic, mqtt::byte_view payload,
                         std::uint8_t qos, bool retain, mqtt::byte_view properties, time_point expires) {
  std::uint8_t* bytes = nullptr;
  const std::size_t tail = topic.size() + properties.size() + payload.size();
  auto m = std::allocate_shared<message>(tail_allocator<message>{tail, &bytes});
  std::uint8_t* props_at = bytes + topic.size();
  std::uint8_t* payload_at = props_at + properties.size();
  if (!topic.empty()) std::memcpy(bytes, topic.data(), topic.size());
  if (!properties.empty()) std::memcpy(props_at, properties.data(), properties.size());
  if (!payload.empty()) std::memcpy(payload_at, payload.data(), payload.size());
  m->scope = scope;
  m->topic = std::string_view{reinterpret_cast<const char*>(bytes), topic.size()};
  m->properties = mqtt::byte_view{props_at, properties.size()};
  m->payload = mqtt::byte_view{payload_at, payload.size()};
  m->expires = expires;
  m->qos = qos;
  m->retain = retain;
  return m;
}

}  // namespace roost::broker
