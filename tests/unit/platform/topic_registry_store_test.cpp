// topic_registry with a topic_store: which changes reach the store, in which order, and restore().

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "roost/platform/cloud_scope.hpp"
#include "roost/platform/topic_registry.hpp"

namespace roost::platform {
namespace {

// Records every call as a line: "saved led002 display= latest=on appended=on", "removed led002".
class fake_store final : public topic_store {
 public:
  void saved(broker::scope_id scope, const topic_record& r, const history_entry* appended) override {
    std::string line = "saved " + std::to_string(scope) + " " + r.name + " display=" + r.display_name;
    line += " latest=" + (r.latest ? r.latest->value : std::string("-"));
    line += " appended=" + (appended != nullptr ? appended->value : std::string("-"));
    calls.push_back(line);
  }
  void removed(broker::scope_id scope, std::string_view name) override {
    calls.push_back("removed " + std::to_string(scope) + " " + std::string(name));
  }
  topic_store_result<std::vector<stored_topic>> load() override { return stored; }

  std::vector<std::string> calls;
  std::vector<stored_topic> stored;
};

constexpr broker::scope_id s = scope_of(7, cloud_namespace::mqtt);  // 29

class TopicRegistryStore : public ::testing::Test {
 protected:
  fake_store store;
  topic_registry topics{3, &store};
};

TEST_F(TopicRegistryStore, CreationIsSaved) {
  EXPECT_TRUE(topics.create(s, "led002"));
  EXPECT_FALSE(topics.create(s, "led002"));
  EXPECT_EQ(store.calls, (std::vector<std::string>{"saved 29 led002 display= latest=- appended=-"}));
}

TEST_F(TopicRegistryStore, PublishSavesLatestWithTheAppendedEntry) {
  ASSERT_TRUE(topics.observe_publish(s, "temp004/up", "#21", 5, true));
  ASSERT_TRUE(topics.observe_publish(s, "temp004", "#22", 6, false));
  EXPECT_EQ(store.calls, (std::vector<std::string>{
                             "saved 29 temp004 display= latest=- appended=-",
                             "saved 29 temp004 display= latest=#21 appended=#21",
                             "saved 29 temp004 display= latest=#22 appended=#22",
                         }));
}

TEST_F(TopicRegistryStore, RejectedPublishSavesNothing) {
  EXPECT_FALSE(topics.observe_publish(s, "temp004", "x", 1, false));
  EXPECT_FALSE(topics.observe_publish(s, "bad topic!", "x", 1, true));
  EXPECT_TRUE(store.calls.empty());
}

TEST_F(TopicRegistryStore, RenameAndRemoveAreSaved) {
  topics.create(s, "fan003");
  store.calls.clear();
  EXPECT_TRUE(topics.rename(s, "fan003", "Fan"));
  EXPECT_FALSE(topics.rename(s, "nothing", "x"));
  EXPECT_TRUE(topics.remove(s, "fan003"));
  EXPECT_FALSE(topics.remove(s, "fan003"));
  EXPECT_EQ(store.calls,
            (std::vector<std::string>{"saved 29 fan003 display=Fan latest=- appended=-", "removed 29 fan003"}));
}

TEST_F(TopicRegistryStore, OnlineCountsAreNotSavedButCreationBySubscribeIs) {
  topics.subscriber_added(s, "led002", true);
  topics.subscriber_added(s, "led002", true);
  topics.subscriber_removed(s, "led002");
  EXPECT_EQ(store.calls, (std::vector<std::string>{"saved 29 led002 display= latest=- appended=-"}));
  EXPECT_EQ(topics.find(s, "led002")->online, 1);
}

TEST_F(TopicRegistryStore, ZeroHistoryLimitSavesLatestWithoutEntry) {
  topic_registry none{0, &store};
  none.create(s, "temp004");
  store.calls.clear();
  none.observe_publish(s, "temp004", "1", 1, false);
  EXPECT_EQ(store.calls, (std::vector<std::string>{"saved 29 temp004 display= latest=1 appended=-"}));
}

TEST_F(TopicRegistryStore, RestoreFillsTheRegistryWithoutCallingTheStore) {
  stored_topic t;
  t.scope = s;
  t.record.name = "temp004";
  t.record.display_name = "Kitchen";
  t.record.online = 4;
  t.record.latest = history_entry{"v5", 5};
  for (int i = 1; i <= 5; ++i) t.record.history.push_back({"v" + std::to_string(i), i});
  store.stored.push_back(t);

  auto loaded = store.load();
  ASSERT_TRUE(loaded);
  EXPECT_EQ(topics.restore(std::move(*loaded)), 1u);
  EXPECT_TRUE(store.calls.empty());

  auto r = topics.find(s, "temp004");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->display_name, "Kitchen");
  EXPECT_EQ(r->online, 0);
  ASSERT_EQ(r->history.size(), 3u);  // cut to the registry's limit, newest kept
  EXPECT_EQ(r->history.front().value, "v3");
  EXPECT_EQ(topics.latest(s, "temp004")->value, "v5");

  topics.observe_publish(s, "temp004", "v6", 6, false);
  EXPECT_EQ(topics.find(s, "temp004")->history.back().value, "v6");
  EXPECT_EQ(store.calls.size(), 1u);
}

TEST_F(TopicRegistryStore, RemoveScopeRemovesEveryTopicOfTheScopeOnly) {
  constexpr broker::scope_id tcp = scope_of(7, cloud_namespace::tcp);
  topics.create(s, "a");
  topics.create(s, "b");
  topics.create(tcp, "a");
  store.calls.clear();
  EXPECT_EQ(topics.count(s), 2u);
  EXPECT_EQ(topics.remove_scope(s), 2u);
  EXPECT_EQ(store.calls, (std::vector<std::string>{"removed 29 a", "removed 29 b"}));
  EXPECT_EQ(topics.count(s), 0u);
  EXPECT_FALSE(topics.exists(s, "a"));
  EXPECT_TRUE(topics.exists(tcp, "a"));
  EXPECT_EQ(topics.remove_scope(s), 0u);
  EXPECT_EQ(topics.count(scope_of(99, cloud_namespace::mqtt)), 0u);
}

TEST_F(TopicRegistryStore, SummariesAreTheRecordsWithoutHistory) {
  topics.observe_publish(s, "led002", "on", 10, true);
  topics.observe_publish(s, "led002", "off", 20, true);
  topics.rename(s, "led002", "Lamp");
  topics.subscriber_added(s, "led002", false);
  const auto list = topics.summaries(s);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].name, "led002");
  EXPECT_EQ(list[0].display_name, "Lamp");
  EXPECT_EQ(list[0].type, device_type::light);
  ASSERT_TRUE(list[0].latest);
  EXPECT_EQ(list[0].latest->value, "off");
  EXPECT_EQ(list[0].online, 1);
  EXPECT_TRUE(list[0].history.empty());
  EXPECT_EQ(topics.list(s)[0].history.size(), 2u);
}

}  // namespace
}  // namespace roost::platform
