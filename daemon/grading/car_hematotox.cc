#include "grading/car_hematotox.h"

#include "grading/exact.h"
#include "grading/format.h"

namespace iraed::grading {
namespace {

void Note(std::string& text, const std::string& what) {
  if (!text.empty()) text += "; ";
  text += what;
}

}  // namespace

HematotoxScore ScoreHematotox(const HematotoxInputs& in,
                              const HematotoxCutoffs& c) {
  HematotoxScore out;
  auto add = [&out](const char* name, const std::optional<double>& v,
                    int points, const char* unit) {
    if (!v) {
      out.missing.emplace_back(name);
      return;
    }
    out.score += points;
    Note(out.reason, std::string(name) + " " + FormatNumber(*v) + " " + unit +
                         ": " + std::to_string(points));
  };
  if (in.platelets_g_l) {
    const double v = *in.platelets_g_l;
    add("platelets", v,
        Lt(v, c.platelets_two_points_below)  ? 2
        : Gt(v, c.platelets_no_points_above) ? 0
                                             : 1,
        "x10*9/L");
  } else {
    add("platelets", std::nullopt, 0, "");
  }
  add("anc", in.anc_g_l,
      in.anc_g_l && Lt(*in.anc_g_l, c.anc_point_below) ? 1 : 0, "x10*9/L");
  add("hemoglobin", in.hemoglobin_g_dl,
      in.hemoglobin_g_dl && Lt(*in.hemoglobin_g_dl, c.hemoglobin_point_below)
          ? 1
          : 0,
      "g/dL");
  add("crp", in.crp_mg_dl,
      in.crp_mg_dl && Ge(*in.crp_mg_dl, c.crp_point_from) ? 1 : 0, "mg/dL");
  if (in.ferritin_ng_ml) {
    const double v = *in.ferritin_ng_ml;
    add("ferritin", v,
        Gt(v, c.ferritin_two_points_above) ? 2
        : Ge(v, c.ferritin_point_from)     ? 1
                                           : 0,
        "ng/mL");
  } else {
    add("ferritin", std::nullopt, 0, "");
  }
  out.complete = out.missing.empty();
  if (out.score >= c.high_risk_from) {
    out.high_risk = true;
  } else if (out.complete) {
    out.high_risk = false;
  }
  return out;
}

}  // namespace iraed::grading
