#include "auth/password_hash.h"

#include <gtest/gtest.h>

namespace iraed::auth {
namespace {

TEST(PasswordHashTest, HashesVerifyAndCarryTheirParameters) {
  auto a = HashPassword("correct horse battery");
  auto b = HashPassword("correct horse battery");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *a;
  EXPECT_NE(*a, *b);  // a fresh salt each time
  EXPECT_TRUE(IsArgon2idHash(*a));
  EXPECT_TRUE(VerifyPassword("correct horse battery", *a));
  EXPECT_TRUE(VerifyPassword("correct horse battery", *b));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *a));
  EXPECT_FALSE(VerifyPassword("", *a));
}

TEST(PasswordHashTest, OtherParametersStillVerify) {
  auto cheap = HashPassword("another long secret",
                            PasswordCost{.memory_kib = 1024, .iterations = 1});
  ASSERT_TRUE(cheap.ok());
  EXPECT_EQ(cheap->rfind("$argon2id$v=19$m=1024,t=1,p=1$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("another long secret", *cheap));
}

TEST(PasswordHashTest, MalformedHashesNeverVerify) {
  EXPECT_FALSE(VerifyPassword("x", ""));
  EXPECT_FALSE(VerifyPassword("x", "$argon2i$v=19$m=19456,t=2,p=1$abc$def"));
  EXPECT_FALSE(VerifyPassword("x", "$argon2id$v=19$m=19456,t=2,p=1$%%$def"));
  EXPECT_FALSE(IsArgon2idHash("$argon2id$v=19$m=1 space"));
  EXPECT_FALSE(IsArgon2idHash("plain"));
}

TEST(PasswordHashTest, TooLongAPasswordIsNeverChecked) {
  const std::string longest(kMaxPasswordLength, 'p');
  auto h = HashPassword(longest);
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(VerifyPassword(longest, *h));
  // Even its own hash does not admit a password one byte too long: it is
  // refused before Argon2id runs.
  const std::string too_long = longest + "p";
  auto h2 =
      HashPassword(too_long, PasswordCost{.memory_kib = 1024, .iterations = 1});
  ASSERT_TRUE(h2.ok());
  EXPECT_FALSE(VerifyPassword(too_long, *h2));
}

TEST(PasswordHashTest, NewPasswordRulesAtTheirBoundaries) {
  EXPECT_FALSE(CheckNewPassword(std::string(11, 'a'), "u").ok());
  EXPECT_TRUE(CheckNewPassword(std::string(12, 'a'), "u").ok());
  EXPECT_TRUE(CheckNewPassword(std::string(256, 'a'), "u").ok());
  EXPECT_FALSE(CheckNewPassword(std::string(257, 'a'), "u").ok());
  EXPECT_FALSE(CheckNewPassword("rn.jones.long", "rn.jones.long").ok());
}

}  // namespace
}  // namespace iraed::auth
