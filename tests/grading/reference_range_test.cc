// Independent tests of grading/reference_range.h: reference ranges in the
// shapes real feeds write them (HL7 OBX-7), and refusal of anything else.
#include "grading/reference_range.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace iraed::grading {
namespace {

struct RangeCase {
  const char* name;
  const char* text;
  std::optional<double> low;
  std::optional<double> high;
};

class ReferenceRangeTest : public testing::TestWithParam<RangeCase> {};

TEST_P(ReferenceRangeTest, Parses) {
  const RangeCase& c = GetParam();
  std::optional<Range> r = ParseRange(c.text);
  ASSERT_TRUE(r.has_value()) << "'" << c.text << "' not read";
  ASSERT_EQ(r->low.has_value(), c.low.has_value())
      << "low of '" << c.text << "'";
  if (c.low) {
    EXPECT_DOUBLE_EQ(*r->low, *c.low) << "low of '" << c.text << "'";
  }
  ASSERT_EQ(r->high.has_value(), c.high.has_value())
      << "high of '" << c.text << "'";
  if (c.high) {
    EXPECT_DOUBLE_EQ(*r->high, *c.high) << "high of '" << c.text << "'";
  }
}

constexpr std::nullopt_t kOpen = std::nullopt;

INSTANTIATE_TEST_SUITE_P(
    FeedShapes, ReferenceRangeTest,
    testing::Values(RangeCase{"Dash", "7-56", 7, 56},
                    RangeCase{"SpacedDash", "3.5 - 5.0", 3.5, 5.0},
                    RangeCase{"LessThan", "<1.2", kOpen, 1.2},
                    RangeCase{"LessOrEqual", "<=1.2", kOpen, 1.2},
                    RangeCase{"GreaterThan", ">60", 60, kOpen},
                    RangeCase{"GreaterOrEqualSpaced", ">= 60", 60, kOpen},
                    RangeCase{"Underscore", "70_105", 70, 105},
                    RangeCase{"To", "4.3 to 6.2", 4.3, 6.2},
                    RangeCase{"NegativeLow", "-1.0-2.0", -1.0, 2.0},
                    RangeCase{"Decimals", "0.40-1.20", 0.4, 1.2},
                    RangeCase{"Counts", "150-400", 150, 400}),
    [](const testing::TestParamInfo<RangeCase>& info) {
      return std::string(info.param.name);
    });

class GarbageRangeTest : public testing::TestWithParam<const char*> {};

TEST_P(GarbageRangeTest, IsRefused) {
  std::optional<Range> r = ParseRange(GetParam());
  EXPECT_FALSE(r.has_value())
      << "'" << GetParam()
      << "' read as low=" << (r && r->low ? std::to_string(*r->low) : "none")
      << " high=" << (r && r->high ? std::to_string(*r->high) : "none");
}

INSTANTIATE_TEST_SUITE_P(Garbage, GarbageRangeTest,
                         testing::Values("", "   ", "abc", "-", "7-", "<",
                                         ">=", "to", "4.3 to", "to 6.2",
                                         "see comment", "seven-fifty six",
                                         "1.2.3-4", "7-56abc", "7-56-80",
                                         "nan-5", "1-inf", "abc-def",
                                         "negative"),
                         [](const testing::TestParamInfo<const char*>& info) {
                           return "Garbage" + std::to_string(info.index);
                         });

}  // namespace
}  // namespace iraed::grading
