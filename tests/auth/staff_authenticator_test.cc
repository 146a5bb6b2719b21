#include "auth/staff_authenticator.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace iraed::auth {
namespace {

class StaffAuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/iraed-auth-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    settings_.tokens_file = dir_ + "/tokens";
    nurse_ = *NewTokenText();
    pager_ = *NewTokenText();
    WriteTokens({{"rn.jones", *ParseRoles("staff"), TokenSha256(nurse_),
                  "2026-12-03T08:00:00Z"},
                 {"pager", *ParseRoles("notifier:pager"), TokenSha256(pager_),
                  "2026-12-03T08:00:00Z"}});
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void WriteTokens(const std::vector<ApiToken>& tokens) {
    ASSERT_TRUE(WriteTokensFile(settings_.tokens_file, tokens).ok());
  }

  static StaffRequest Ack() { return {StaffRequest::Kind::kAlertAction, ""}; }
  static StaffRequest Confirm(std::string c) {
    return {StaffRequest::Kind::kFeedConfirmation, std::move(c)};
  }

  std::string dir_;
  AuthSettings settings_;
  std::string nurse_, pager_;
};

TEST_F(StaffAuthenticatorTest, AValidTokenNamesTheActorAndItsRolesApply) {
  StaffAuthenticator auth(settings_, /*required=*/true);
  auto a = auth.Decide(Ack(), nurse_, "");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(*a, "token:rn.jones");
  auto c = auth.Decide(Confirm("pager"), pager_, "");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, "token:pager");
  EXPECT_FALSE(auth.Decide(Ack(), pager_, "").ok());
  EXPECT_FALSE(auth.Decide(Confirm("pager"), nurse_, "").ok());
}

TEST_F(StaffAuthenticatorTest, AWrongTokenIsRefusedEvenWhenNotRequired) {
  StaffAuthenticator auth(settings_, /*required=*/false);
  auto r = auth.Decide(Ack(), nurse_ + "0", "");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not valid"), std::string::npos);
  // Nor does a certificate rescue a wrong token.
  EXPECT_FALSE(auth.Decide(Ack(), "iraed-guess", "CN=ward7").ok());
  // No credential at all is taken as sent when not required.
  auto open = auth.Decide(Ack(), "", "");
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(*open, "");
}

TEST_F(StaffAuthenticatorTest, AFileMadeGroupWritableIsNoticedAndRefused) {
  StaffAuthenticator auth(settings_, true);
  ASSERT_TRUE(auth.Decide(Ack(), nurse_, "").ok());
  // chmod changes neither size nor mtime: the ctime shows it.
  ASSERT_EQ(::chmod(settings_.tokens_file.c_str(), 0660), 0);
  EXPECT_FALSE(auth.Decide(Ack(), nurse_, "").ok());
  ASSERT_EQ(::chmod(settings_.tokens_file.c_str(), 0640), 0);
  EXPECT_TRUE(auth.Decide(Ack(), nurse_, "").ok());
}

TEST_F(StaffAuthenticatorTest, ARevokedTokenStopsWorkingWithoutAReload) {
  StaffAuthenticator auth(settings_, true);
  ASSERT_TRUE(auth.Decide(Ack(), nurse_, "").ok());
  WriteTokens({{"pager", *ParseRoles("notifier:pager"), TokenSha256(pager_),
                "2026-12-03T08:00:00Z"}});
  EXPECT_FALSE(auth.Decide(Ack(), nurse_, "").ok());
  EXPECT_TRUE(auth.Decide(Confirm("pager"), pager_, "").ok());
}

TEST_F(StaffAuthenticatorTest,
       ABrokenTokensFileRefusesEveryTokenUntilRepaired) {
  StaffAuthenticator auth(settings_, true);
  ASSERT_TRUE(auth.Decide(Ack(), nurse_, "").ok());
  {
    std::ofstream f(settings_.tokens_file, std::ios::trunc);
    f << "this is not a tokens file\n";
  }
  auto r = auth.Decide(Ack(), nurse_, "");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("tokens file cannot be read"),
            std::string::npos);
  WriteTokens({{"rn.jones", *ParseRoles("staff"), TokenSha256(nurse_),
                "2026-12-03T08:00:00Z"}});
  EXPECT_TRUE(auth.Decide(Ack(), nurse_, "").ok());
}

TEST_F(StaffAuthenticatorTest, CertificatesActOnlyAsARuleSays) {
  {
    // No rule: a feed's machine certificate acts on nothing.
    StaffAuthenticator auth(settings_, true);
    auto a = auth.Decide(Ack(), "", "CN=ward7-pager,O=Hospital");
    ASSERT_FALSE(a.ok());
    EXPECT_TRUE(a.status().message().starts_with(
        std::string(kUnauthorised) + "cert:CN=ward7-pager,O=Hospital"))
        << a.status().message();
    EXPECT_FALSE(auth.Decide(Confirm("anything"), "", "CN=x").ok());
    // Where authentication is not required it counts as no credential.
    StaffAuthenticator open(settings_, false);
    auto anonymous = open.Decide(Ack(), "", "CN=ward7-pager,O=Hospital");
    ASSERT_TRUE(anonymous.ok());
    EXPECT_EQ(*anonymous, "");
    // The token, when sent, names the actor rather than the certificate.
    auto t = auth.Decide(Ack(), nurse_, "CN=ward7-pager,O=Hospital");
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(*t, "token:rn.jones");
  }
  settings_.certificate_rules = {
      {"CN=ward7-pager,O=Hospital", *ParseRoles("notifier:ward7")},
      {"CN=nurse-station-7,O=Hospital", *ParseRoles("staff")}};
  StaffAuthenticator auth(settings_, true);
  EXPECT_TRUE(
      auth.Decide(Confirm("ward7"), "", "CN=ward7-pager,O=Hospital").ok());
  EXPECT_FALSE(auth.Decide(Ack(), "", "CN=ward7-pager,O=Hospital").ok());
  auto station = auth.Decide(Ack(), "", "CN=nurse-station-7,O=Hospital");
  ASSERT_TRUE(station.ok());
  EXPECT_EQ(*station, "cert:CN=nurse-station-7,O=Hospital");
  auto unlisted = auth.Decide(Ack(), "", "CN=someone-else");
  ASSERT_FALSE(unlisted.ok());
  EXPECT_TRUE(unlisted.status().message().starts_with(kUnauthorised));
}

TEST(AuthModeTest, AutoIsRequiredExactlyWhenAListenerLeavesLoopback) {
  EXPECT_FALSE(AuthRequired(AuthMode::kAuto, true));
  EXPECT_TRUE(AuthRequired(AuthMode::kAuto, false));
  EXPECT_TRUE(AuthRequired(AuthMode::kRequired, true));
  EXPECT_FALSE(AuthRequired(AuthMode::kOff, false));
  for (AuthMode m : {AuthMode::kAuto, AuthMode::kRequired, AuthMode::kOff}) {
    auto back = ParseAuthMode(ToString(m));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, m);
  }
  EXPECT_FALSE(ParseAuthMode("yes").ok());
}

}  // namespace
}  // namespace iraed::auth
