// The stored details of alert events: their text is frozen (stored rows are
// read back and covered by the audit chain), so each kind is checked
// against the exact text an earlier release wrote, keys in the order it
// wrote them (common/json.h keeps insertion order).
#include "alerts/event_details.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace iraed::alerts {
namespace {

constexpr UnixMillis kNoon = 1764763200000;  // 2025-12-03T12:00:00Z

Escalation Policy() {
  Escalation e;
  e.acknowledge_within_ms = 600000;
  e.repeat_every_ms = 300000;
  e.max_escalations = 3;
  e.route = {"charge nurse", "fellow"};
  return e;
}

TEST(EventDetailsTest, EachKindKeepsItsStoredText) {
  EXPECT_EQ(DetailText(RaisedDetail{Policy(), false, std::nullopt}),
            R"({"escalation_policy":{"acknowledge_within_ms":600000,)"
            R"("repeat_every_ms":300000,"max_escalations":3,)"
            R"("route":["charge nurse","fellow"]}})");
  EXPECT_EQ(DetailText(RaisedDetail{std::nullopt, true, kNoon}),
            R"({"backfilled":true,"raised_at":"2025-12-03T12:00:00.000Z"})");
  EXPECT_EQ(DetailText(SuppressedDetail{3, "re-alert within 60 min"}),
            R"({"grade":3,"reason":"re-alert within 60 min"})");
  EXPECT_EQ(DetailText(SupersededDetail{7, 4}), R"({"by_alert":7,"grade":4})");
  EXPECT_EQ(DetailText(ActionDetail{"open", std::nullopt}),
            R"({"previous_state":"open"})");
  EXPECT_EQ(DetailText(ActionDetail{"escalated", "rn.jones"}),
            R"({"previous_state":"escalated","stated_by":"rn.jones"})");
  EXPECT_EQ(DetailText(EscalatedDetail{kNoon, "not acknowledged", 0}),
            R"({"due_at":"2025-12-03T12:00:00.000Z",)"
            R"("reason":"not acknowledged"})");
  EXPECT_EQ(DetailText(EscalatedDetail{kNoon, "not acknowledged", 2}),
            R"({"due_at":"2025-12-03T12:00:00.000Z",)"
            R"("reason":"not acknowledged","missed":2})");
  EXPECT_EQ(DetailText(ConsumerLagDetail{"pager", 10, 25, 15, 320, 300,
                                         std::nullopt}),
            R"({"consumer":"pager","position":10,"newest_event":25,)"
            R"("lag_events":15,"lag_seconds":320,"max_lag_seconds":300})");
  EXPECT_EQ(DetailText(DeliveryDetail{"pager", 25, 41, "svc.pager"}),
            R"({"consumer":"pager","through_event":25,"message":41,)"
            R"("actor":"svc.pager"})");
}

TEST(EventDetailsTest, ARaisedDetailReadsBack) {
  auto policy = ReadRaisedDetail(
      DetailText(RaisedDetail{Policy(), false, std::nullopt}));
  ASSERT_TRUE(policy.has_value());
  EXPECT_FALSE(policy->backfilled);
  EXPECT_EQ(policy->escalation_policy, Policy());
  auto backfilled =
      ReadRaisedDetail(DetailText(RaisedDetail{std::nullopt, true, kNoon}));
  ASSERT_TRUE(backfilled.has_value());
  EXPECT_TRUE(backfilled->backfilled);
  EXPECT_FALSE(backfilled->escalation_policy.has_value());
  EXPECT_EQ(backfilled->raised_at, kNoon);
}

TEST(EventDetailsTest, WhatIsNotARaisedDetailIsSaidSo) {
  EXPECT_FALSE(ReadRaisedDetail("").has_value());
  EXPECT_FALSE(ReadRaisedDetail("not json").has_value());
  EXPECT_FALSE(ReadRaisedDetail("[]").has_value());
  EXPECT_FALSE(ReadRaisedDetail("{}").has_value());
  EXPECT_FALSE(ReadRaisedDetail(R"({"backfilled":false})").has_value());
  EXPECT_FALSE(
      ReadRaisedDetail(R"({"escalation_policy":"every hour"})").has_value());
}

}  // namespace
}  // namespace iraed::alerts
