#include "auth/api_tokens.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace iraed::auth {
namespace {

const std::string kHash(64, 'a');

TEST(ApiTokensTest, TokenTextIsRandomAndOnlyItsSha256IsKept) {
  auto a = NewTokenText();
  auto b = NewTokenText();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->size(), 6u + 64u);
  EXPECT_TRUE(a->starts_with("iraed-"));
  // FIPS 180-2 test vector.
  EXPECT_EQ(TokenSha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ApiTokensTest, FileRoundTripsAndIgnoresCommentsAndBlankLines) {
  std::vector<ApiToken> tokens = {
      {"rn.jones", *ParseRoles("staff"), kHash, "2026-12-03T08:00:00Z"},
      {"pager", *ParseRoles("notifier:pager"), std::string(64, '0'),
       "2026-12-03T08:01:00Z"}};
  const std::string text = FormatTokensFile(tokens);
  auto parsed = ParseTokensFile(text + "\n   \n# note\r\n", "f");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].name, "rn.jones");
  EXPECT_TRUE((*parsed)[0].roles.staff);
  EXPECT_EQ((*parsed)[1].roles.consumers.count("pager"), 1u);
  EXPECT_EQ((*parsed)[1].created, "2026-12-03T08:01:00Z");
}

TEST(ApiTokensTest, MalformedLinesAreNamedByLine) {
  const std::string ok = "a staff " + kHash + " 2026-12-03T08:00:00Z\n";
  struct Case {
    std::string text;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{
           {ok + "b staff " + kHash + "\n", "f:2: expected NAME ROLES"},
           {ok + ok, "f:2: token name a appears twice"},
           {"bad/name staff " + kHash + " 2026-12-03T08:00:00Z\n",
            "f:1: token name"},
           {"a root " + kHash + " 2026-12-03T08:00:00Z\n", "unknown role"},
           {"a staff " + std::string(64, 'A') + " 2026-12-03T08:00:00Z\n",
            "f:1: SHA256"},
           {"a staff " + kHash.substr(1) + " 2026-12-03T08:00:00Z\n",
            "f:1: SHA256"},
           {"a staff " + kHash + " 2026-12-03_08:00:00Z\n", "f:1: CREATED"},
       }) {
    auto r = ParseTokensFile(c.text, "f");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.status().message().find(c.says), std::string::npos)
        << r.status().message();
  }
}

class TokensFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/iraed-tokens-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/tokens";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  unsigned Mode() {
    struct stat st {};
    EXPECT_EQ(::stat(path_.c_str(), &st), 0);
    return st.st_mode & 07777;
  }
  std::string dir_, path_;
};

TEST_F(TokensFileTest, MissingFileHoldsNoTokenAndANewFileIsOwnerOnly) {
  auto none = ReadTokensFile(path_);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  const mode_t old = ::umask(0);  // a permissive caller
  Status s = WriteTokensFile(
      path_, {{"a", *ParseRoles("staff"), kHash, "2026-12-03T08:00:00Z"}});
  ::umask(old);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(Mode(), 0600u);
  auto back = ReadTokensFile(path_);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 1u);
  EXPECT_FALSE(std::filesystem::exists(path_ + ".new"));
}

TEST_F(TokensFileTest, RewritingKeepsAGroupReadableModeAndNeverWidensIt) {
  ASSERT_TRUE(WriteTokensFile(path_, {}).ok());
  ASSERT_EQ(::chmod(path_.c_str(), 0640), 0);
  ASSERT_TRUE(WriteTokensFile(path_, {{"a", *ParseRoles("staff"), kHash,
                                       "2026-12-03T08:00:00Z"}})
                  .ok());
  EXPECT_EQ(Mode(), 0640u);
}

TEST_F(TokensFileTest, AFileOthersCanWriteIsRefused) {
  ASSERT_TRUE(WriteTokensFile(path_, {}).ok());
  ASSERT_EQ(::chmod(path_.c_str(), 0620), 0);
  auto r = ReadTokensFile(path_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("writable by group or others"),
            std::string::npos);
  ASSERT_EQ(::chmod(path_.c_str(), 0602), 0);
  EXPECT_FALSE(ReadTokensFile(path_).ok());
  ASSERT_EQ(::chmod(path_.c_str(), 0644), 0);  // readable is fine
  EXPECT_TRUE(ReadTokensFile(path_).ok());
}

TEST_F(TokensFileTest, UpdatesUnderTheLockKeepEveryChangeAndAFailedEditNone) {
  auto add = [this](const std::string& name) {
    return UpdateTokensFile(path_, [&name](std::vector<ApiToken>& t) {
      t.push_back({name, *ParseRoles("staff"), kHash, "2026-12-03T08:00:00Z"});
      return Status::Ok();
    });
  };
  ASSERT_TRUE(add("a").ok());
  ASSERT_TRUE(add("b").ok());
  Status refused = UpdateTokensFile(path_, [](std::vector<ApiToken>& t) {
    t.clear();
    return Status::FailedPrecondition("no");
  });
  EXPECT_FALSE(refused.ok());
  auto back = ReadTokensFile(path_);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 2u);
  // No temporary file is left beside it.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 2);  // tokens and tokens.lock
}

}  // namespace
}  // namespace iraed::auth
