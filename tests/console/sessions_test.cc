#include "console/sessions.h"

#include <gtest/gtest.h>

namespace iraed::console {
namespace {

constexpr UnixMillis kT0 = 1'790'000'000'000;
constexpr SessionLimits kLimits{std::chrono::minutes(15),
                                std::chrono::hours(12)};
constexpr std::int64_t kIdleMs = 15LL * 60 * 1000;
constexpr std::int64_t kMaxAgeMs = 12LL * 3600 * 1000;

TEST(SessionTableTest, ANewSessionHasFreshTokens) {
  SessionTable table(kLimits);
  auto a = table.Create("rn.jones", auth::ConsoleRole::kNurse, "cred", kT0);
  auto b = table.Create("rn.jones", auth::ConsoleRole::kNurse, "cred", kT0);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->token.size(), 64u);
  EXPECT_EQ(a->csrf.size(), 64u);
  EXPECT_NE(a->token, b->token);
  EXPECT_NE(a->token, a->csrf);
  EXPECT_EQ(table.size(), 2u);
  auto found = table.Touch(a->token, kT0 + 1);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user, "rn.jones");
  EXPECT_EQ(found->csrf, a->csrf);
  std::string other = a->token;
  other.back() = other.back() == '0' ? '1' : '0';
  EXPECT_FALSE(table.Touch(other, kT0 + 1));
  EXPECT_FALSE(table.Touch("", kT0));
}

TEST(SessionTableTest, IdleTimeoutAtItsBoundary) {
  SessionTable table(kLimits);
  auto s = table.Create("u", auth::ConsoleRole::kNurse, "cred", kT0);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(table.Touch(s->token, kT0 + kIdleMs - 1));  // just below
  // Used at kT0 + kIdleMs - 1: idle again from there.
  EXPECT_TRUE(table.Touch(s->token, kT0 + (2 * kIdleMs) - 2));
  EXPECT_FALSE(table.Touch(s->token, kT0 + (3 * kIdleMs) - 2));  // at
  EXPECT_EQ(table.size(), 0u);  // removed once ended
}

TEST(SessionTableTest, WhatThePageDoesByItselfIsNotActivity) {
  SessionTable table(kLimits);
  auto s = table.Create("u", auth::ConsoleRole::kNurse, "cred", kT0);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(table.Touch(s->token, kT0 + kIdleMs - 1, false));
  EXPECT_FALSE(table.Touch(s->token, kT0 + kIdleMs, false));
}

TEST(SessionTableTest, MaxAgeEndsAnActiveSession) {
  SessionTable table(kLimits);
  auto s = table.Create("u", auth::ConsoleRole::kNurse, "cred", kT0);
  ASSERT_TRUE(s.ok());
  for (UnixMillis t = kT0; t < kT0 + kMaxAgeMs; t += kIdleMs / 2) {
    ASSERT_TRUE(table.Touch(s->token, t));
  }
  EXPECT_TRUE(table.Touch(s->token, kT0 + kMaxAgeMs - 1));
  EXPECT_FALSE(table.Touch(s->token, kT0 + kMaxAgeMs));
}

TEST(SessionTableTest, SignOutAndRemovedUsers) {
  SessionTable table(kLimits);
  auto a = table.Create("a", auth::ConsoleRole::kNurse, "cred", kT0);
  auto b1 = table.Create("b", auth::ConsoleRole::kAdmin, "cred", kT0);
  auto b2 = table.Create("b", auth::ConsoleRole::kAdmin, "cred", kT0);
  ASSERT_TRUE(a.ok() && b1.ok() && b2.ok());
  EXPECT_EQ(table.End(a->token), "a");
  EXPECT_EQ(table.End(a->token), std::nullopt);
  EXPECT_FALSE(table.Touch(a->token, kT0));
  table.EndUser("b");
  EXPECT_FALSE(table.Touch(b1->token, kT0));
  EXPECT_FALSE(table.Touch(b2->token, kT0));
}

TEST(SessionTableTest, EndedSessionsAreForgottenAtTheNextSignIn) {
  SessionTable table(kLimits);
  ASSERT_TRUE(table.Create("a", auth::ConsoleRole::kNurse, "cred", kT0).ok());
  ASSERT_TRUE(
      table.Create("b", auth::ConsoleRole::kNurse, "cred", kT0 + kIdleMs).ok());
  EXPECT_EQ(table.size(), 1u);
}

TEST(ConstantTimeEqualsTest, ComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace iraed::console
