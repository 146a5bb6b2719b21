// ICANS input assembly on plain values (surveillance/icans_assembly.h).
#include "surveillance/icans_assembly.h"

#include <gtest/gtest.h>

#include <string>

#include "grading/icans.h"

namespace iraed::surveillance {
namespace {

constexpr UnixMillis kAt = 1'800'000'000'000;

ChartedValue Number(double v) { return ChartedValue{v, "", kAt}; }
ChartedValue Token(std::string t) {
  return ChartedValue{std::nullopt, std::move(t), kAt};
}

TEST(IcansAssemblyTest, NothingChartedIsNothingKnown) {
  const IcansAssessment a = AssembleIcans(IcansSnapshot{});
  EXPECT_FALSE(a.inputs.ice_score);
  EXPECT_FALSE(a.inputs.consciousness);
  EXPECT_FALSE(a.inputs.sedated);
  EXPECT_FALSE(grading::GradeIcans(a.inputs).grade);  // not graded as normal
  std::string keys;
  const Json evidence = ToJson(a.evidence);
  for (const auto& [k, v] : evidence.items()) {
    keys += k + ",";
    EXPECT_TRUE(v.is_null()) << k;
  }
  EXPECT_EQ(keys,
            "ice_score,consciousness,seizure,deep_focal_motor_weakness,"
            "cerebral_edema,sedated,");
}

TEST(IcansAssemblyTest, ChartedValuesBecomeInputs) {
  IcansSnapshot s;
  s.ice_score = Number(6);
  s.consciousness = Token("alert");
  s.seizure = Token("none");
  s.motor_weakness = Token("yes");
  s.cerebral_edema = Token("focal");
  s.sedated = Token("no");
  const IcansAssessment a = AssembleIcans(s);
  EXPECT_EQ(a.inputs.ice_score, 6);
  EXPECT_EQ(a.inputs.consciousness, grading::Consciousness::kAlert);
  EXPECT_EQ(a.inputs.seizure, grading::Seizure::kNone);
  EXPECT_EQ(a.inputs.deep_focal_motor_weakness, true);
  EXPECT_EQ(a.inputs.cerebral_edema, grading::CerebralEdema::kFocal);
  EXPECT_FALSE(a.inputs.sedated);
  EXPECT_EQ(ToJson(a.evidence)["ice_score"]["value"], 6);
  EXPECT_EQ(ToJson(a.evidence)["consciousness"]["value"], "alert");
  EXPECT_EQ(ToJson(a.evidence)["ice_score"]["observed_at"],
            "2027-01-15T08:00:00.000Z");
}

TEST(IcansAssemblyTest, AnIceScoreWithoutANumberIsNotAScore) {
  IcansSnapshot s;
  s.ice_score = Token("unable");
  const IcansAssessment a = AssembleIcans(s);
  EXPECT_FALSE(a.inputs.ice_score);
  EXPECT_EQ(ToJson(a.evidence)["ice_score"]["value"], "unable");
}

TEST(IcansAssemblyTest, SedatedOnlyWhenChartedYes) {
  for (const auto& [token, sedated] :
       {std::pair{"yes", true}, std::pair{"no", false},
        std::pair{"unknown", false}}) {
    IcansSnapshot s;
    s.sedated = Token(token);
    EXPECT_EQ(AssembleIcans(s).inputs.sedated, sedated) << token;
  }
}

}  // namespace
}  // namespace iraed::surveillance
