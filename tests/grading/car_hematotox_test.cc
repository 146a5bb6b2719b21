// CAR-HEMATOTOX (reference section 4 addendum, PARTIAL cut-offs): every
// cut-off just below, at and just above, and the incomplete score.
#include "grading/car_hematotox.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace iraed::grading {
namespace {

// All inputs at zero points: platelets 200, ANC 2.0, Hb 12, CRP 1, ferritin
// 300.
HematotoxInputs Healthy() {
  HematotoxInputs in;
  in.platelets_g_l = 200;
  in.anc_g_l = 2.0;
  in.hemoglobin_g_dl = 12;
  in.crp_mg_dl = 1;
  in.ferritin_ng_ml = 300;
  return in;
}

int Points(const HematotoxInputs& in) {
  return ScoreHematotox(in, HematotoxCutoffs{}).score;
}

TEST(CarHematotoxTest, EachCutoffBelowAtAbove) {
  HematotoxInputs in = Healthy();
  EXPECT_EQ(Points(in), 0);
  for (const auto& [v, points] : std::vector<std::pair<double, int>>{
           {175.1, 0}, {175, 1}, {174.9, 1}, {75.1, 1}, {75, 1}, {74.9, 2}}) {
    in = Healthy();
    in.platelets_g_l = v;
    EXPECT_EQ(Points(in), points) << "platelets " << v;
  }
  for (const auto& [v, points] :
       std::vector<std::pair<double, int>>{{1.21, 0}, {1.2, 0}, {1.19, 1}}) {
    in = Healthy();
    in.anc_g_l = v;
    EXPECT_EQ(Points(in), points) << "anc " << v;
  }
  for (const auto& [v, points] :
       std::vector<std::pair<double, int>>{{9.1, 0}, {9.0, 0}, {8.9, 1}}) {
    in = Healthy();
    in.hemoglobin_g_dl = v;
    EXPECT_EQ(Points(in), points) << "hemoglobin " << v;
  }
  for (const auto& [v, points] :
       std::vector<std::pair<double, int>>{{2.9, 0}, {3.0, 1}, {3.1, 1}}) {
    in = Healthy();
    in.crp_mg_dl = v;
    EXPECT_EQ(Points(in), points) << "crp " << v;
  }
  for (const auto& [v, points] :
       std::vector<std::pair<double, int>>{{649.9, 0},
                                           {650, 1},
                                           {650.1, 1},
                                           {1999.9, 1},
                                           {2000, 1},
                                           {2000.1, 2}}) {
    in = Healthy();
    in.ferritin_ng_ml = v;
    EXPECT_EQ(Points(in), points) << "ferritin " << v;
  }
}

TEST(CarHematotoxTest, HighRiskFromTwo) {
  HematotoxInputs in = Healthy();
  in.crp_mg_dl = 3.5;  // 1
  HematotoxScore s = ScoreHematotox(in, HematotoxCutoffs{});
  EXPECT_EQ(s.score, 1);
  EXPECT_TRUE(s.complete);
  EXPECT_EQ(s.high_risk, false);
  in.hemoglobin_g_dl = 8.5;  // 2
  s = ScoreHematotox(in, HematotoxCutoffs{});
  EXPECT_EQ(s.score, 2);
  EXPECT_EQ(s.high_risk, true);
  EXPECT_NE(s.reason.find("hemoglobin 8.5 g/dL: 1"), std::string::npos)
      << s.reason;
  in.platelets_g_l = 50;
  in.ferritin_ng_ml = 2500;
  in.anc_g_l = 0.5;
  EXPECT_EQ(Points(in), 7);  // the maximum
}

TEST(CarHematotoxTest, AMissingInputLeavesTheClassUnknownBelowTheLine) {
  HematotoxInputs in = Healthy();
  in.ferritin_ng_ml.reset();
  HematotoxScore s = ScoreHematotox(in, HematotoxCutoffs{});
  EXPECT_FALSE(s.complete);
  EXPECT_EQ(s.high_risk, std::nullopt);
  EXPECT_EQ(s.missing, std::vector<std::string>{"ferritin"});
  // Already at the line: high risk whatever the missing input scores.
  in.platelets_g_l = 60;  // 2
  s = ScoreHematotox(in, HematotoxCutoffs{});
  EXPECT_EQ(s.high_risk, true);
  EXPECT_FALSE(s.complete);
  EXPECT_EQ(
      ScoreHematotox(HematotoxInputs{}, HematotoxCutoffs{}).missing.size(), 5u);
}

TEST(CarHematotoxTest, CutoffsAreASiteSetting) {
  HematotoxCutoffs c;
  c.anc_point_below = 1.0;
  c.high_risk_from = 3;
  HematotoxInputs in = Healthy();
  in.anc_g_l = 1.1;
  in.crp_mg_dl = 4;
  in.hemoglobin_g_dl = 8;
  const HematotoxScore s = ScoreHematotox(in, c);
  EXPECT_EQ(s.score, 2);
  EXPECT_EQ(s.high_risk, false);
  EXPECT_NE(std::string(kHematotoxVerification).find("partially verified"),
            std::string::npos);
}

}  // namespace
}  // namespace iraed::grading
