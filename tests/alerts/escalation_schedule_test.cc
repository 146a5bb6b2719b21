// The escalation schedule (alerts/escalation_schedule.h): catch-up after
// downtime at every boundary, the schedule audit verify recomputes, and
// the stored route.
#include "alerts/escalation_schedule.h"

#include <gtest/gtest.h>

namespace iraed::alerts {
namespace {

constexpr UnixMillis kRaised = 1'800'000'000'000;
constexpr std::int64_t kMin = 60'000;

Escalation Grade3() {
  Escalation e;
  e.acknowledge_within_ms = 15 * kMin;
  e.repeat_every_ms = 15 * kMin;
  e.max_escalations = 4;
  e.route = {"primary_nurse", "charge_nurse", "fellow", "attending"};
  return e;
}

TEST(EscalationScheduleTest, NothingIsPagedBeforeTheFirstStepIsDue) {
  const EscalationCatchUp c =
      CatchUpEscalation(Grade3(), kRaised, 0, kRaised + 15 * kMin - 1);
  EXPECT_FALSE(c.page);
  EXPECT_EQ(c.done, 0);
  EXPECT_EQ(c.missed, 0);
  EXPECT_EQ(c.next_due, kRaised + 15 * kMin);
}

TEST(EscalationScheduleTest, TheStepIsPagedAtItsDueTime) {
  const EscalationCatchUp c =
      CatchUpEscalation(Grade3(), kRaised, 0, kRaised + 15 * kMin);
  ASSERT_TRUE(c.page);
  EXPECT_EQ(c.page->number, 1);
  EXPECT_EQ(c.page->role, "charge_nurse");
  EXPECT_EQ(c.done, 1);
  EXPECT_EQ(c.missed, 0);
  EXPECT_EQ(c.next_due, kRaised + 30 * kMin);
}

TEST(EscalationScheduleTest, AfterDowntimeOnlyTheLatestStepIsPaged) {
  struct Case {
    UnixMillis now;
    int page;
    int missed;
    std::optional<UnixMillis> next;
  };
  const Case cases[] = {
      {kRaised + 30 * kMin - 1, 1, 0, kRaised + 30 * kMin},
      {kRaised + 30 * kMin, 2, 1, kRaised + 45 * kMin},
      {kRaised + 60 * kMin, 4, 3, std::nullopt},  // max 4: the last one
      {kRaised + 600 * kMin, 4, 3, std::nullopt},
  };
  for (const Case& c : cases) {
    const EscalationCatchUp up = CatchUpEscalation(Grade3(), kRaised, 0, c.now);
    ASSERT_TRUE(up.page) << c.now;
    EXPECT_EQ(up.page->number, c.page) << c.now;
    EXPECT_EQ(up.missed, c.missed) << c.now;
    EXPECT_EQ(up.done, c.page);
    EXPECT_EQ(up.next_due, c.next) << c.now;
  }
  // The route's last role takes every step beyond its length.
  EXPECT_EQ(
      CatchUpEscalation(Grade3(), kRaised, 0, kRaised + 60 * kMin).page->role,
      "attending");
}

TEST(EscalationScheduleTest, DoneStepsAreNotPagedAgain) {
  const EscalationCatchUp c =
      CatchUpEscalation(Grade3(), kRaised, 2, kRaised + 30 * kMin);
  EXPECT_FALSE(c.page);
  EXPECT_EQ(c.done, 2);
  EXPECT_EQ(c.next_due, kRaised + 45 * kMin);
}

TEST(EscalationScheduleTest, APolicyThatNeverEscalates) {
  const EscalationCatchUp c =
      CatchUpEscalation(Escalation{}, kRaised, 0, kRaised + 1'000 * kMin);
  EXPECT_FALSE(c.page);
  EXPECT_FALSE(c.next_due);
}

TEST(EscalationScheduleTest, OnlyAnOpenAlertHasAScheduledEscalation) {
  EXPECT_EQ(ScheduledEscalation(AlertState::kOpen, Grade3(), kRaised, 1),
            kRaised + 30 * kMin);
  EXPECT_EQ(ScheduledEscalation(AlertState::kOpen, Grade3(), kRaised, 4),
            std::nullopt);
  for (AlertState s : {AlertState::kAcknowledged, AlertState::kResolved,
                       AlertState::kSuperseded}) {
    EXPECT_EQ(ScheduledEscalation(s, Grade3(), kRaised, 0), std::nullopt);
  }
}

TEST(EscalationScheduleTest, RouteRoundTripsThroughItsStoredText) {
  const std::vector<std::string> route = {"a", "b c", "d"};
  EXPECT_EQ(RouteToText(route), "a\nb c\nd");
  EXPECT_EQ(RouteFromText("a\nb c\nd"), route);
  EXPECT_TRUE(RouteFromText("").empty());
  EXPECT_EQ(RouteFromText("one"), std::vector<std::string>{"one"});
  EXPECT_EQ(RouteFromText("a\n"), (std::vector<std::string>{"a", ""}));
}

}  // namespace
}  // namespace iraed::alerts
