#pragma once
// Port: where the broker's durable state goes. Today that is the retained messages; sessions and
// their queues will follow. The engine calls it with its lock held, so an implementation must only
// queue the work (a write-behind worker commits it on its own thread) and never call back into
// the engine.

#include "roost/broker/message.hpp"

namespace roost::broker {

class persistence {
 public:
  virtual ~persistence() = default;

  // msg is now the retained message of msg->topic in msg->scope; an empty payload means the
  // topic has no retained message any more. $SYS topics are not reported (they are rebuilt).
  virtual void retained_changed(const message_ptr& msg) = 0;
};

}  // namespace roost::broker
