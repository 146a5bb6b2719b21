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

TEST(IcansAssemblyTest, AgeInWholeYearsOnTheSitesDay) {
  // 2026-12-04 is day 20791 since 1970-01-01.
  constexpr std::int64_t kDec4 = 20791;
  EXPECT_EQ(AgeInYears("2014-12-04", kDec4), 12);  // the birthday
  EXPECT_EQ(AgeInYears("2014-12-05", kDec4), 11);  // the day before
  EXPECT_EQ(AgeInYears("2026-12-04", kDec4), 0);
  EXPECT_EQ(AgeInYears("1950-01-01", kDec4), 76);
  EXPECT_EQ(AgeInYears("2012-02-29", 20513), 14);            // 2026-03-01
  EXPECT_EQ(AgeInYears("2012-02-29", 20512), 13);            // 2026-02-28
  EXPECT_EQ(AgeInYears("2026-12-05", kDec4), std::nullopt);  // not yet born
  EXPECT_EQ(AgeInYears("", kDec4), std::nullopt);
  EXPECT_EQ(AgeInYears("2014-13-01", kDec4), std::nullopt);
  EXPECT_EQ(AgeInYears("20141204", kDec4), std::nullopt);
}

TEST(IcansAssemblyTest, ByAgeAChildIsGradedByCapdAndTheEvidenceSaysSo) {
  IcansSnapshot s;
  s.by_age = true;
  s.local_day = 20791;  // 2026-12-04
  s.birth_date = "2018-06-01";
  s.capd = Number(10);
  s.ice_score = Number(10);
  s.consciousness = Token("alert");
  IcansAssessment a = AssembleIcans(s);
  EXPECT_EQ(a.inputs.age_group, grading::IcansAgeGroup::kUnder12);
  EXPECT_EQ(grading::GradeIcans(a.inputs).grade, 3);
  Json e = ToJson(a.evidence);
  EXPECT_EQ(e["age_years"], 8);
  EXPECT_EQ(e["encephalopathy_scale"], "CAPD");
  EXPECT_EQ(e["capd_score"]["value"], 10);
  // No birth date: ICE, and the age is null.
  s.birth_date = "";
  a = AssembleIcans(s);
  EXPECT_EQ(a.inputs.age_group, grading::IcansAgeGroup::kUnknown);
  EXPECT_EQ(grading::GradeIcans(a.inputs).grade, 0);
  e = ToJson(a.evidence);
  EXPECT_TRUE(e["age_years"].is_null());
  EXPECT_EQ(e["encephalopathy_scale"], "ICE");
  // Before rule set 4 (by_age false) nothing of it is read or written.
  s.by_age = false;
  s.birth_date = "2018-06-01";
  a = AssembleIcans(s);
  EXPECT_EQ(a.inputs.age_group, grading::IcansAgeGroup::kUnknown);
  EXPECT_FALSE(ToJson(a.evidence).contains("age_years"));
}

}  // namespace
}  // namespace iraed::surveillance
