// File: grading/car_hematotox.h
//
// The CAR-HEMATOTOX score (Rejeski et al., Blood 2021): the risk of
// hematotoxicity after CAR-T from the last values before lymphodepletion
// (reference section 4 and its 2026-12 addendum; rule sets from
// iraed-rules-4). Cut-offs PARTIAL (third-party copies consistent with the
// authors' description), shipped with the reference's values and
// configurable (`hematotox { }`); every finding's evidence says so. Pure.
//
// Points (defaults): platelets > 175 x 10^9/L 0, [75, 175] 1, < 75 2;
// ANC >= 1.2 x 10^9/L (1200/uL) 0, below 1; hemoglobin >= 9.0 g/dL 0,
// below 1; CRP < 3.0 mg/dL 0, at or above 1; ferritin < 650 ng/mL 0,
// [650, 2000] 1, > 2000 2. High risk (HT-high) at a score >= 2. A missing
// input scores nothing and leaves the score incomplete: a partial score
// already at the high-risk line is high risk for certain; below it the
// class is not known.
#ifndef IRAED_GRADING_CAR_HEMATOTOX_H_
#define IRAED_GRADING_CAR_HEMATOTOX_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iraed::grading {

// iraed-1: first version (rule set iraed-rules-4).
inline constexpr const char* kHematotoxRuleVersion =
    "car-hematotox-2021/iraed-1";
inline constexpr std::string_view kHematotoxSystem = "CAR-HEMATOTOX 2021";
inline constexpr std::string_view kHematotoxTerm = "CAR-HEMATOTOX";
inline constexpr std::string_view kHematotoxVerification =
    "partially verified: cut-offs from third-party copies consistent with "
    "Rejeski et al., Blood 2021 (reference section 4 addendum)";

// PARTIAL cut-offs (reference section 4 addendum), in the units named.
struct HematotoxCutoffs {
  double platelets_no_points_above = 175;   // x 10^9/L
  double platelets_two_points_below = 75;   // x 10^9/L
  double anc_point_below = 1.2;             // x 10^9/L
  double hemoglobin_point_below = 9.0;      // g/dL
  double crp_point_from = 3.0;              // mg/dL
  double ferritin_point_from = 650;         // ng/mL
  double ferritin_two_points_above = 2000;  // ng/mL
  int high_risk_from = 2;
};

struct HematotoxInputs {
  std::optional<double> platelets_g_l;
  std::optional<double> anc_g_l;
  std::optional<double> hemoglobin_g_dl;
  std::optional<double> crp_mg_dl;
  std::optional<double> ferritin_ng_ml;
};

struct HematotoxScore {
  int score = 0;  // the points of the inputs known
  bool complete = false;
  // Known: high risk (score >= high_risk_from), or low risk with every
  // input known; nullopt when the class is not known (incomplete, below
  // the line).
  std::optional<bool> high_risk;
  std::vector<std::string> missing;  // "platelets", "anc", ...
  std::string reason;                // each input's points, for the evidence
};

HematotoxScore ScoreHematotox(const HematotoxInputs& in,
                              const HematotoxCutoffs& cutoffs);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_CAR_HEMATOTOX_H_
