// Independent tests of grading/exact.h, written from the clinical reference
// (clinical-grading.md section 1 point 5) and the header contract: values
// and thresholds are compared at 12 significant decimal digits.
#include "grading/exact.h"

#include <gtest/gtest.h>

namespace iraed::grading {
namespace {

// The four IEEE traps named in the reference (section 1 point 5).
struct Trap {
  double multiplier;
  double reference;
  double decimal;  // the exact decimal product
};

constexpr Trap kTraps[] = {
    {1.5, 1.2, 1.8},   // bilirubin ULN 1.2 -> 1.5 x ULN
    {3.0, 1.2, 3.6},   // bilirubin ULN 1.2 -> 3 x ULN
    {1.5, 0.7, 1.05},  // creatinine baseline 0.7 -> 1.5 x baseline
    {3.0, 0.7, 2.1},   // creatinine baseline 0.7 -> 3 x baseline
};

TEST(ExactTest, NaiveProductsReallyAreTraps) {
  // Documents why exact.h exists: each naive product falls below the decimal.
  for (const Trap& t : kTraps) {
    SCOPED_TRACE(testing::Message() << t.multiplier << " x " << t.reference);
    EXPECT_LT(t.multiplier * t.reference, t.decimal);
  }
}

TEST(ExactTest, Round12RepairsTheTrapProducts) {
  EXPECT_EQ(Round12(1.7999999999999998), 1.8);
  EXPECT_EQ(Round12(3.5999999999999996), 3.6);
  EXPECT_EQ(Round12(1.0499999999999998), 1.05);
  EXPECT_EQ(Round12(2.0999999999999996), 2.1);
  for (const Trap& t : kTraps) {
    SCOPED_TRACE(testing::Message() << t.multiplier << " x " << t.reference);
    EXPECT_EQ(Round12(t.multiplier * t.reference), Round12(t.decimal));
    EXPECT_DOUBLE_EQ(Round12(t.multiplier * t.reference), t.decimal);
  }
}

TEST(ExactTest, Round12KeepsValuesThatAreAlreadyShort) {
  EXPECT_EQ(Round12(0.0), 0.0);
  EXPECT_EQ(Round12(1.0), 1.0);
  EXPECT_EQ(Round12(1.8), 1.8);
  EXPECT_EQ(Round12(40.0), 40.0);
  EXPECT_EQ(Round12(150000.0), 150000.0);
  EXPECT_EQ(Round12(-1.0), -1.0);
}

TEST(ExactTest, Round12KeepsTwelveSignificantDigits) {
  EXPECT_DOUBLE_EQ(Round12(1.23456789012345), 1.23456789012);
  EXPECT_DOUBLE_EQ(Round12(123456.789012345), 123456.789012);
  EXPECT_DOUBLE_EQ(Round12(0.000123456789012345), 0.000123456789012);
  EXPECT_DOUBLE_EQ(Round12(1234567890123456.0), 1234567890120000.0);
  EXPECT_DOUBLE_EQ(Round12(-1.7999999999999998), -1.8);
  EXPECT_DOUBLE_EQ(Round12(0.52499999999999991), 0.525);
}

TEST(ExactTest, Round12DistinguishesTheTwelfthDigit) {
  // 1.80000000001 has 12 significant digits and must stay above 1.8 ...
  EXPECT_GT(Round12(1.80000000001), 1.8);
  // ... while the 13th digit is rounded away.
  EXPECT_EQ(Round12(1.800000000001), Round12(1.8));
  EXPECT_EQ(Round12(1.799999999999), Round12(1.8));
}

TEST(ExactTest, TimesIsTheRoundedProduct) {
  EXPECT_EQ(Times(1.5, 1.2), Round12(1.8));
  EXPECT_EQ(Times(3, 1.2), Round12(3.6));
  EXPECT_EQ(Times(1.5, 0.7), Round12(1.05));
  EXPECT_EQ(Times(3, 0.7), Round12(2.1));
  EXPECT_DOUBLE_EQ(Times(1.5, 1.2), 1.8);
  EXPECT_DOUBLE_EQ(Times(3, 1.2), 3.6);
  EXPECT_DOUBLE_EQ(Times(1.5, 0.7), 1.05);
  EXPECT_DOUBLE_EQ(Times(3, 0.7), 2.1);
  EXPECT_DOUBLE_EQ(Times(20, 40), 800);
  EXPECT_DOUBLE_EQ(Times(0.75, 2.1), 1.575);
  EXPECT_DOUBLE_EQ(Times(1.5, 32.4), 48.6);
}

TEST(ExactTest, ValueExactlyAtTrapThresholdIsEqualNotAbove) {
  for (const Trap& t : kTraps) {
    SCOPED_TRACE(testing::Message() << t.multiplier << " x " << t.reference);
    const double threshold = Times(t.multiplier, t.reference);
    EXPECT_FALSE(Gt(t.decimal, threshold));
    EXPECT_TRUE(Ge(t.decimal, threshold));
    EXPECT_FALSE(Lt(t.decimal, threshold));
    EXPECT_TRUE(Le(t.decimal, threshold));
    // The comparisons round both sides, so even the raw product works.
    const double raw = t.multiplier * t.reference;
    EXPECT_FALSE(Gt(t.decimal, raw));
    EXPECT_TRUE(Ge(t.decimal, raw));
    EXPECT_FALSE(Lt(raw, t.decimal));
    EXPECT_TRUE(Le(t.decimal, raw));
    EXPECT_TRUE(Ge(raw, t.decimal));
  }
}

TEST(ExactTest, SpecificTrapComparisons) {
  // Bilirubin ULN 1.2: 1.8 is not > 1.5 x ULN; 3.6 is not > 3 x ULN.
  EXPECT_FALSE(Gt(1.8, Times(1.5, 1.2)));
  EXPECT_FALSE(Gt(3.6, Times(3, 1.2)));
  EXPECT_TRUE(Gt(1.81, Times(1.5, 1.2)));
  EXPECT_TRUE(Gt(3.61, Times(3, 1.2)));
  // Creatinine baseline 0.7: 1.05 is not > 1.5 x B; 2.1 is not > 3 x B.
  EXPECT_FALSE(Gt(1.05, Times(1.5, 0.7)));
  EXPECT_FALSE(Gt(2.1, Times(3, 0.7)));
  EXPECT_TRUE(Gt(1.06, Times(1.5, 0.7)));
  EXPECT_TRUE(Gt(2.11, Times(3, 0.7)));
}

TEST(ExactTest, OrdinaryComparisons) {
  EXPECT_TRUE(Gt(2, 1));
  EXPECT_FALSE(Gt(1, 2));
  EXPECT_FALSE(Gt(1, 1));
  EXPECT_TRUE(Ge(1, 1));
  EXPECT_TRUE(Ge(2, 1));
  EXPECT_FALSE(Ge(1, 2));
  EXPECT_TRUE(Lt(1, 2));
  EXPECT_FALSE(Lt(2, 1));
  EXPECT_FALSE(Lt(1, 1));
  EXPECT_TRUE(Le(1, 1));
  EXPECT_TRUE(Le(1, 2));
  EXPECT_FALSE(Le(2, 1));
  EXPECT_TRUE(Lt(-2, -1));
  EXPECT_TRUE(Gt(0.0, -0.0001));
  // Differences in the 12th significant digit are real.
  EXPECT_TRUE(Gt(1.80000000001, 1.8));
  EXPECT_TRUE(Lt(1.79999999999, 1.8));
  // Differences beyond it are not.
  EXPECT_FALSE(Gt(1.800000000001, 1.8));
  EXPECT_TRUE(Ge(1.799999999999, 1.8));
}

}  // namespace
}  // namespace iraed::grading
