#include "common/utf8.h"

#include <gtest/gtest.h>

namespace iraed {
namespace {

constexpr std::string_view kFffd = "\xef\xbf\xbd";

TEST(Utf8Test, WellFormedTextIsValid) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII"));
  EXPECT_TRUE(IsValidUtf8("\xc2\xb5g/L"));       // µ (U+00B5)
  EXPECT_TRUE(IsValidUtf8("\xe2\x82\xac"));      // € (U+20AC)
  EXPECT_TRUE(IsValidUtf8("\xf0\x9f\x92\x89"));  // U+1F489
  EXPECT_TRUE(IsValidUtf8("\xed\x9f\xbf"));      // U+D7FF
  EXPECT_TRUE(IsValidUtf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF
}

TEST(Utf8Test, IllFormedTextIsInvalid) {
  EXPECT_FALSE(IsValidUtf8("Keytruda\xae"));      // Latin-1 byte
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xe0\x80\xaf"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation
  EXPECT_FALSE(IsValidUtf8("\xff"));
}

TEST(Utf8Test, EachMaximalIllFormedSubsequenceBecomesOneReplacement) {
  std::size_t n = 0;
  EXPECT_EQ(ReplaceInvalidUtf8("Keytruda\xae", &n),
            std::string("Keytruda") + std::string(kFffd));
  EXPECT_EQ(n, 1u);
  n = 0;
  // A truncated 3-byte sequence is one replacement; the ASCII after it
  // survives.
  EXPECT_EQ(ReplaceInvalidUtf8("a\xe2\x82z", &n),
            "a" + std::string(kFffd) + "z");
  EXPECT_EQ(n, 1u);
  n = 0;
  // Unicode 15 table 3-8 example: each ill-formed byte of a surrogate and
  // an overlong form is replaced on its own.
  EXPECT_EQ(ReplaceInvalidUtf8("\xed\xa0\x80", &n),
            std::string(kFffd) + std::string(kFffd) + std::string(kFffd));
  EXPECT_EQ(n, 3u);
}

TEST(Utf8Test, RepairReportsTheCountAndLeavesValidTextAlone) {
  std::string ok = "caf\xc3\xa9";
  EXPECT_EQ(RepairUtf8(ok), 0u);
  EXPECT_EQ(ok, "caf\xc3\xa9");
  std::string bad = "\xae\xae";
  EXPECT_EQ(RepairUtf8(bad), 2u);
  EXPECT_EQ(bad, std::string(kFffd) + std::string(kFffd));
}

}  // namespace
}  // namespace iraed
