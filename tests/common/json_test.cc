#include "common/json.h"

#include <gtest/gtest.h>

#include "common/utf8.h"

namespace iraed {
namespace {

TEST(JsonTest, DumpsCompactTextInInsertionOrder) {
  Json j = Json::object();
  j["b"] = 1;
  j["a"] = "x\"y\\z\n";
  j["n"] = nullptr;
  EXPECT_EQ(DumpJson(j), R"({"b":1,"a":"x\"y\\z\n","n":null})");
}

TEST(JsonTest, ControlCharactersAreEscaped) {
  EXPECT_EQ(DumpJson(Json(std::string("\x01\x1f", 2))), R"("\u0001\u001f")");
}

TEST(JsonTest, ValidUtf8IsKeptAsIs) {
  EXPECT_EQ(DumpJson(Json("caf\xc3\xa9 \xe2\x82\xac")),
            "\"caf\xc3\xa9 \xe2\x82\xac\"");
}

TEST(JsonTest, IllFormedUtf8IsReplacedNeverThrown) {
  // "Keytruda" with the registered sign as one Latin-1 byte (0xAE).
  const std::string dumped = DumpJson(Json(std::string("Keytruda\xae")));
  EXPECT_EQ(dumped, "\"Keytruda\xef\xbf\xbd\"");
  EXPECT_TRUE(IsValidUtf8(dumped));
}

TEST(JsonTest, ParsesAndRepairsOldRows) {
  auto j = ParseJson("{\"summary\":\"Keytruda\xae\",\"n\":2}");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  EXPECT_EQ((*j)["summary"], "Keytruda\xef\xbf\xbd");
  EXPECT_EQ((*j)["n"], 2);
}

TEST(JsonTest, SyntaxErrorIsInvalidArgumentWithOffset) {
  auto j = ParseJson("{\"a\":}");
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(j.status().message().find("byte"), std::string::npos);
}

TEST(JsonTest, NumbersAreRoundedAndWholeNumbersHaveNoFraction) {
  EXPECT_EQ(DumpJson(JsonNumber(100.0)), "100");
  EXPECT_EQ(DumpJson(JsonNumber(1.8)), "1.8");
  EXPECT_EQ(DumpJson(JsonNumber(1.5 * 1.2)), "1.8");  // not 1.7999999999999998
  EXPECT_EQ(DumpJson(JsonNumber((101.3 - 32) * 5 / 9, 6)), "38.5");
  EXPECT_EQ(DumpJson(JsonNumber(-0.25)), "-0.25");
  EXPECT_EQ(DumpJson(JsonNumber(std::optional<double>())), "null");
  EXPECT_EQ(DumpJson(JsonNumber(0.0 / 0.0)), "null");
}

TEST(JsonTest, CanonicalFormIgnoresKeyOrderAndSpacing) {
  EXPECT_EQ(CanonicalJson(R"({"b": 1, "a": {"y": 2, "x": [3, 4]}})"),
            CanonicalJson(R"({"a":{"x":[3,4],"y":2},"b":1})"));
  EXPECT_NE(CanonicalJson(R"({"a":1})"), CanonicalJson(R"({"a":2})"));
  EXPECT_EQ(CanonicalJson("not json"), "not json");
}

}  // namespace
}  // namespace iraed
