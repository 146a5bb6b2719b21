#include "http/form.h"

#include <gtest/gtest.h>

namespace iraed::http {
namespace {

TEST(FormTest, DecodesPairsPlusAndEscapes) {
  const auto fields = ParseForm("name=rn.jones&note=fever+down%2C+ok&&flag");
  ASSERT_TRUE(fields);
  ASSERT_EQ(fields->size(), 3u);
  EXPECT_EQ(FormValue(*fields, "name"), "rn.jones");
  EXPECT_EQ(FormValue(*fields, "note"), "fever down, ok");
  EXPECT_EQ(FormValue(*fields, "flag"), "");
  EXPECT_EQ(FormValue(*fields, "absent"), std::nullopt);
}

TEST(FormTest, TheFirstValueOfANameWins) {
  const auto fields = ParseForm("a=1&a=2");
  ASSERT_TRUE(fields);
  EXPECT_EQ(FormValue(*fields, "a"), "1");
}

TEST(FormTest, BadEscapesAreRefused) {
  EXPECT_FALSE(ParseForm("a=%"));
  EXPECT_FALSE(ParseForm("a=%4"));
  EXPECT_FALSE(ParseForm("a=%zz"));
  EXPECT_FALSE(ParseForm("%g1=x"));
  EXPECT_EQ(PercentDecode("%41%62", false), "Ab");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("%e2%82%ac", true), "\xe2\x82\xac");
}

TEST(FormTest, EncodeRoundTrips) {
  const std::string text = "a b&c=d/é?%";
  EXPECT_EQ(PercentEncode("az-._~09"), "az-._~09");
  EXPECT_EQ(PercentEncode("a b"), "a%20b");
  EXPECT_EQ(PercentDecode(PercentEncode(text), true), text);
}

TEST(FormTest, CookieByName) {
  const std::string header = "theme=dark; iraed_session=abc123 ;other=\"q\"";
  EXPECT_EQ(CookieValue(header, "iraed_session"), "abc123");
  EXPECT_EQ(CookieValue(header, "other"), "q");
  EXPECT_EQ(CookieValue(header, "theme"), "dark");
  EXPECT_EQ(CookieValue(header, "iraed"), std::nullopt);
  EXPECT_EQ(CookieValue("", "x"), std::nullopt);
  EXPECT_EQ(CookieValue("novalue; x=1", "novalue"), std::nullopt);
}

}  // namespace
}  // namespace iraed::http
