#pragma once
// result<T, E>: a value or an error, without exceptions (the codec builds with -fno-exceptions).
//
//   result<int, error> r = parse(...);
//   if (!r) return r.error();
//   use(*r);

#include <cassert>
#include <utility>
#include <variant>

namespace roost {

template <class E>
struct unexpected {
  E value;
};

template <class E>
unexpected<E> fail(E e) {
  return unexpected<E>{e};
}

template <class T, class E>
class result {
 public:
  result(T value) : _v(std::in_place_index<0>, std::move(value)) {}
  result(unexpected<E> e) : _v(std::in_place_index<1>, e.value) {}

  bool has_value() const { return _v.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(_v);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(_v);
  }
  T&& value() && {
    assert(has_value());
    return std::move(std::get<0>(_v));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  E error() const {
    assert(!has_value());
    return std::get<1>(_v);
  }

 private:
  std::variant<T, E> _v;
};

}  // namespace roost
