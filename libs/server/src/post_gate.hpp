#pragma once
// Posting to a shard from a thread the server does not own (a web application's response that
// arrives after a commit, say) is safe only while the shard's io_context exists. The gate is
// shared by everything that may post from outside; the server shuts it before the shards go, and
// a post through a shut gate is dropped.

#include <mutex>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace roost::server {

class post_gate {
 public:
  // Posts `f` to `io` unless the gate is shut; returns whether it did. Thread-safe.
  template <class F>
  bool post(boost::asio::io_context& io, F&& f) {
    std::lock_guard lock(_mutex);
    if (!_open) return false;
    boost::asio::post(io, std::forward<F>(f));
    return true;
  }

  // From now on nothing is posted; returns once no post() is in progress. Thread-safe.
  void shut() {
    std::lock_guard lock(_mutex);
    _open = false;
  }

 private:
  std::mutex _mutex;
  bool _open = true;
};

}  // namespace roost::server
