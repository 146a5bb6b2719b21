#include "console/grade_bands.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "grading/ctcae_labs.h"
#include "grading/icans.h"

namespace iraed::console {

GradeOf CtcaeGradeOf(const BandContext& c) {
  return [c](double value) -> std::optional<int> {
    grading::LabInput in;
    in.analyte = c.analyte;
    in.value = value;
    in.unit = c.unit;
    in.uln = c.uln;
    in.lln = c.lln;
    in.rule_set = c.rule_set;
    const grading::LabGrading g = c.version == grading::CtcaeVersion::kV6
                                      ? grading::GradeCtcae6Lab(in)
                                      : grading::GradeCtcaeLab(in);
    int worst = 0;
    for (const auto& t : g.grades) worst = std::max(worst, t.grade);
    if (worst == 0) return std::nullopt;
    return worst;
  };
}

GradeOf IcansGradeOf(bool capd) {
  return [capd](double value) -> std::optional<int> {
    grading::IcansInputs in;
    const int score = static_cast<int>(std::lround(value));
    if (capd) {
      in.age_group = grading::IcansAgeGroup::kUnder12;
      in.capd_score = score;
    } else {
      in.age_group = grading::IcansAgeGroup::kTwelveOrOver;
      in.ice_score = score;
    }
    const grading::IcansGrade g = grading::GradeIcans(in);
    if (!g.grade || *g.grade == 0) return std::nullopt;
    return *g.grade;
  };
}

std::string BandSource(const BandContext& c, const std::string& unit_text) {
  std::string text(grading::CtcaeSystemOf(c.version));
  char buf[64];
  if (c.uln) {
    std::snprintf(buf, sizeof buf, " at ULN %.4g %s", *c.uln,
                  unit_text.c_str());
    text += buf;
  }
  if (c.lln) {
    std::snprintf(buf, sizeof buf, "%s LLN %.4g %s", c.uln ? "," : " at",
                  *c.lln, unit_text.c_str());
    text += buf;
  }
  return text + ", normal baseline";
}

}  // namespace iraed::console
