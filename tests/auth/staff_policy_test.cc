#include "auth/staff_policy.h"

#include <gtest/gtest.h>

namespace iraed::auth {
namespace {

TEST(RolesTest, ParsesEveryRoleAndWritesThemBackCanonically) {
  auto r = ParseRoles("notifier:pager,staff,notifier:ward7");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->staff);
  EXPECT_FALSE(r->any_consumer);
  EXPECT_EQ(r->consumers, (std::set<std::string>{"pager", "ward7"}));
  EXPECT_EQ(FormatRoles(*r), "staff,notifier:pager,notifier:ward7");
  auto again = ParseRoles(FormatRoles(*r));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *r);
  auto any = ParseRoles("notifier:*");
  ASSERT_TRUE(any.ok());
  EXPECT_TRUE(any->any_consumer);
  EXPECT_FALSE(any->staff);
}

TEST(RolesTest, RefusesWhatIsNotARole) {
  for (const char* bad :
       {"", "admin", "staff,", ",staff", "notifier",
        "notifier:", "notifier:bad name", "Staff", "notifier:a/b",
        "notifier:01234567890123456789012345678901234567890123456789"
        "0123456789abcde"}) {
    EXPECT_FALSE(ParseRoles(bad).ok()) << bad;
  }
  // 64 characters is the longest consumer name.
  EXPECT_TRUE(ParseRoles("notifier:" + std::string(64, 'a')).ok());
  EXPECT_FALSE(ParseRoles("notifier:" + std::string(65, 'a')).ok());
}

StaffRequest AlertAction() { return {StaffRequest::Kind::kAlertAction, ""}; }
StaffRequest Confirm(std::string consumer) {
  return {StaffRequest::Kind::kFeedConfirmation, std::move(consumer)};
}
Identity Who(std::string actor, std::string roles) {
  return Identity{std::move(actor), *ParseRoles(roles)};
}

TEST(AuthorizeTest, WithoutAnIdentityTheModeDecides) {
  auto open = Authorize(AlertAction(), std::nullopt, /*required=*/false);
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(*open, "");  // the stated `by` stays the actor
  auto refused = Authorize(AlertAction(), std::nullopt, /*required=*/true);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(refused.status().message().starts_with(kUnauthenticated));
  EXPECT_FALSE(Authorize(Confirm("pager"), std::nullopt, true).ok());
  EXPECT_TRUE(Authorize(Confirm("pager"), std::nullopt, false).ok());
}

TEST(AuthorizeTest, StaffActsOnAlertsNotifiersConfirmTheirOwnConsumer) {
  for (bool required : {false, true}) {
    auto nurse =
        Authorize(AlertAction(), Who("token:rn.jones", "staff"), required);
    ASSERT_TRUE(nurse.ok());
    EXPECT_EQ(*nurse, "token:rn.jones");

    auto pager = Who("token:pager", "notifier:pager");
    auto own = Authorize(Confirm("pager"), pager, required);
    ASSERT_TRUE(own.ok());
    EXPECT_EQ(*own, "token:pager");
    auto other = Authorize(Confirm("ward7"), pager, required);
    ASSERT_FALSE(other.ok());
    EXPECT_TRUE(other.status().message().starts_with(kUnauthorised));
    EXPECT_NE(other.status().message().find("notifier:ward7"),
              std::string::npos)
        << other.status().message();
    auto ack = Authorize(AlertAction(), pager, required);
    ASSERT_FALSE(ack.ok());
    EXPECT_NE(ack.status().message().find("needs staff"), std::string::npos);

    EXPECT_FALSE(
        Authorize(Confirm("pager"), Who("token:rn", "staff"), required).ok());
    EXPECT_TRUE(
        Authorize(Confirm("any.one"), Who("cert:CN=x", "notifier:*"), required)
            .ok());
    // An identity without roles (a certificate no rule names).
    auto none = Authorize(AlertAction(), Identity{"cert:CN=y", {}}, required);
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.status().message().find("roles none"), std::string::npos);
  }
}

}  // namespace
}  // namespace iraed::auth
