#include "auth/console_users.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "auth/password_hash.h"

namespace iraed::auth {
namespace {

constexpr const char* kHash =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA";

TEST(ConsoleUsersTest, RoundTripsAndNamesRoles) {
  const std::vector<ConsoleUser> users = {
      {"rn.jones", ConsoleRole::kNurse, kHash, "2026-12-04T08:00:00Z"},
      {"dr.who", ConsoleRole::kPhysician, kHash, "2026-12-04T08:00:01Z"},
      {"pv", ConsoleRole::kPharmacovigilance, kHash, "2026-12-04T08:00:02Z"},
      {"root", ConsoleRole::kAdmin, kHash, "2026-12-04T08:00:03Z"}};
  auto parsed = ParseUsersFile(FormatUsersFile(users), "f");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->size(), 4u);
  for (std::size_t i = 0; i < users.size(); ++i) {
    EXPECT_EQ((*parsed)[i].name, users[i].name);
    EXPECT_EQ((*parsed)[i].role, users[i].role);
    EXPECT_EQ((*parsed)[i].password_hash, kHash);
    EXPECT_EQ((*parsed)[i].created, users[i].created);
  }
  EXPECT_TRUE(MayActOnAlerts(ConsoleRole::kNurse));
  EXPECT_TRUE(MayActOnAlerts(ConsoleRole::kPhysician));
  EXPECT_FALSE(MayActOnAlerts(ConsoleRole::kPharmacovigilance));
  EXPECT_FALSE(MayActOnAlerts(ConsoleRole::kAdmin));
  // Admins see operations only, never patient data; pharmacovigilance
  // reads patients and exports findings.
  EXPECT_TRUE(MaySeePatients(ConsoleRole::kNurse));
  EXPECT_TRUE(MaySeePatients(ConsoleRole::kPhysician));
  EXPECT_TRUE(MaySeePatients(ConsoleRole::kPharmacovigilance));
  EXPECT_FALSE(MaySeePatients(ConsoleRole::kAdmin));
  EXPECT_TRUE(MayExportFindings(ConsoleRole::kPharmacovigilance));
  EXPECT_FALSE(MayExportFindings(ConsoleRole::kNurse));
  EXPECT_FALSE(MayExportFindings(ConsoleRole::kPhysician));
  EXPECT_FALSE(MayExportFindings(ConsoleRole::kAdmin));
  EXPECT_TRUE(MaySeeOperations(ConsoleRole::kAdmin));
  EXPECT_FALSE(MaySeeOperations(ConsoleRole::kNurse));
  EXPECT_FALSE(MaySeeOperations(ConsoleRole::kPharmacovigilance));
  EXPECT_EQ(HomePage(ConsoleRole::kNurse), "/board");
  EXPECT_EQ(HomePage(ConsoleRole::kPhysician), "/board");
  EXPECT_EQ(HomePage(ConsoleRole::kPharmacovigilance), "/findings");
  EXPECT_EQ(HomePage(ConsoleRole::kAdmin), "/operations");
  EXPECT_EQ(ParseConsoleRole("Nurse"), std::nullopt);
  EXPECT_EQ(ConsoleRoleName(ConsoleRole::kAdmin), "admin");
}

TEST(ConsoleUsersTest, ProblemsNameTheLine) {
  const std::string good =
      std::string("u nurse ") + kHash + " 2026-12-04T08:00:00Z\n";
  struct Case {
    std::string text;
    std::string expected;
  } cases[] = {
      {"# comment\n\nu nurse\n", "f:3: expected NAME ROLE"},
      {std::string("u/x nurse ") + kHash + " 2026-12-04T08:00:00Z\n",
       "f:1: user name"},
      {good + good, "f:2: user u appears twice"},
      {std::string("u root ") + kHash + " 2026-12-04T08:00:00Z\n",
       "f:1: role must be"},
      {"u nurse 0123abcd 2026-12-04T08:00:00Z\n", "f:1: the password hash"},
      {std::string("u nurse ") + kHash + " yesterday\n", "f:1: CREATED"},
  };
  for (const Case& c : cases) {
    auto parsed = ParseUsersFile(c.text, "f");
    ASSERT_FALSE(parsed.ok()) << c.text;
    EXPECT_EQ(parsed.status().message().rfind(c.expected, 0), 0u)
        << parsed.status().message();
  }
}

TEST(ConsoleUsersTest, FilesAreOwnerWritableOnlyAndEditedUnderALock) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("iraed_users_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "users").string();
  auto none = ReadUsersFile(path);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  ASSERT_TRUE(UpdateUsersFile(path, [](std::vector<ConsoleUser>& users) {
                users.push_back(
                    {"a", ConsoleRole::kNurse, kHash, "2026-12-04T08:00:00Z"});
                return Status::Ok();
              }).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // A failing edit leaves the file as it was.
  EXPECT_FALSE(UpdateUsersFile(path, [](std::vector<ConsoleUser>& users) {
                 users.clear();
                 return Status::Internal("no");
               }).ok());
  auto read = ReadUsersFile(path);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->size(), 1u);
  ::chmod(path.c_str(), 0620);
  auto refused = ReadUsersFile(path);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("writable by group or others"),
            std::string::npos);
  EXPECT_NE(refused.status().message().find("can add users"),
            std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace iraed::auth
