// Alert states and staff actions (alerts/alert_state.h): every state and
// action, and the frozen storage names.
#include "alerts/alert_state.h"

#include <gtest/gtest.h>

namespace iraed::alerts {
namespace {

TEST(AlertStateTest, StorageNamesAreFrozen) {
  EXPECT_EQ(AlertStateName(AlertState::kOpen), "open");
  EXPECT_EQ(AlertStateName(AlertState::kAcknowledged), "acknowledged");
  EXPECT_EQ(AlertStateName(AlertState::kResolved), "resolved");
  EXPECT_EQ(AlertStateName(AlertState::kSuperseded), "superseded");
  for (AlertState s : {AlertState::kOpen, AlertState::kAcknowledged,
                       AlertState::kResolved, AlertState::kSuperseded}) {
    EXPECT_EQ(AlertStateFromName(AlertStateName(s)), s);
  }
  EXPECT_EQ(AlertStateFromName("Open"), std::nullopt);
  EXPECT_EQ(AlertStateFromName("escalated"), std::nullopt);
}

TEST(AlertStateTest, FeedEventsSetStates) {
  EXPECT_EQ(StateAfterEvent("raised"), AlertState::kOpen);
  EXPECT_EQ(StateAfterEvent("acknowledged"), AlertState::kAcknowledged);
  EXPECT_EQ(StateAfterEvent("resolved"), AlertState::kResolved);
  EXPECT_EQ(StateAfterEvent("superseded"), AlertState::kSuperseded);
  EXPECT_EQ(StateAfterEvent("open"), std::nullopt);
  EXPECT_EQ(StateAfterEvent("escalated"), std::nullopt);
  EXPECT_EQ(StateAfterEvent("suppressed"), std::nullopt);
  EXPECT_EQ(StateAfterEvent(""), std::nullopt);
}

TEST(AlertStateTest, EveryStateAndAction) {
  struct Case {
    AlertState from;
    StaffAction action;
    ActionRefusal refusal;
    AlertState next;
  };
  using S = AlertState;
  using A = StaffAction;
  using R = ActionRefusal;
  const Case cases[] = {
      {S::kOpen, A::kAcknowledge, R::kNone, S::kAcknowledged},
      {S::kOpen, A::kResolve, R::kNone, S::kResolved},
      {S::kAcknowledged, A::kAcknowledge, R::kNone, S::kAcknowledged},
      {S::kAcknowledged, A::kResolve, R::kNone, S::kResolved},
      {S::kResolved, A::kAcknowledge, R::kAlreadyResolved, S::kResolved},
      {S::kResolved, A::kResolve, R::kAlreadyResolved, S::kResolved},
      {S::kSuperseded, A::kAcknowledge, R::kSuperseded, S::kSuperseded},
      {S::kSuperseded, A::kResolve, R::kSuperseded, S::kSuperseded},
  };
  for (const Case& c : cases) {
    const ActionOutcome o = DecideStaffAction(c.from, c.action);
    EXPECT_EQ(o.refusal, c.refusal) << AlertStateName(c.from);
    EXPECT_EQ(o.next, c.next) << AlertStateName(c.from);
  }
}

TEST(AlertStateTest, OnlyOpenAlertsEscalate) {
  EXPECT_TRUE(Escalates(AlertState::kOpen));
  EXPECT_FALSE(Escalates(AlertState::kAcknowledged));
  EXPECT_FALSE(Escalates(AlertState::kResolved));
  EXPECT_FALSE(Escalates(AlertState::kSuperseded));
}

}  // namespace
}  // namespace iraed::alerts
