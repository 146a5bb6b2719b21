#include "surveillance/icans_assembly.h"

#include <chrono>

#include "common/time_format.h"
#include "grading/clinical_states.h"

namespace iraed::surveillance {

std::optional<int> AgeInYears(std::string_view birth_date,
                              std::int64_t local_day) {
  const std::optional<UnixMillis> born = ParseUtcMillis(birth_date);
  if (!born || birth_date.size() != 10) return std::nullopt;
  using std::chrono::days;
  using std::chrono::sys_days;
  using std::chrono::year_month_day;
  const year_month_day b{sys_days{days{*born / 86400000}}};
  const year_month_day d{sys_days{days{local_day}}};
  if (sys_days{b} > sys_days{d}) return std::nullopt;
  int age = static_cast<int>(d.year()) - static_cast<int>(b.year());
  if (d.month() < b.month() || (d.month() == b.month() && d.day() < b.day())) {
    --age;
  }
  return age;
}

IcansAssessment AssembleIcans(const IcansSnapshot& s) {
  IcansAssessment out;
  grading::IcansInputs& in = out.inputs;
  IcansEvidence& e = out.evidence;
  e.ice_score = ChartedEvidence::NumberElseToken(s.ice_score);
  e.consciousness = ChartedEvidence::NumberElseToken(s.consciousness);
  e.seizure = ChartedEvidence::NumberElseToken(s.seizure);
  e.deep_focal_motor_weakness =
      ChartedEvidence::NumberElseToken(s.motor_weakness);
  e.cerebral_edema = ChartedEvidence::NumberElseToken(s.cerebral_edema);
  e.sedated = ChartedEvidence::NumberElseToken(s.sedated);
  if (s.ice_score && s.ice_score->number) {
    in.ice_score = static_cast<int>(*s.ice_score->number);
  }
  if (s.consciousness) {
    in.consciousness = grading::ConsciousnessFromToken(s.consciousness->token);
  }
  if (s.seizure) in.seizure = grading::SeizureFromToken(s.seizure->token);
  if (s.motor_weakness) {
    in.deep_focal_motor_weakness =
        grading::YesNoFromToken(s.motor_weakness->token);
  }
  if (s.cerebral_edema) {
    in.cerebral_edema =
        grading::CerebralEdemaFromToken(s.cerebral_edema->token);
  }
  if (s.sedated) {
    in.sedated = grading::YesNoFromToken(s.sedated->token).value_or(false);
  }
  if (s.by_age) {
    // Reference 10.5: CAPD under 12, ICE from 12 and when the age is
    // unknown (which the evidence says).
    const std::optional<int> age = AgeInYears(s.birth_date, s.local_day);
    e.by_age = true;
    e.age_years = age;
    e.capd_score = ChartedEvidence::Number(s.capd);
    in.age_group = !age        ? grading::IcansAgeGroup::kUnknown
                   : *age < 12 ? grading::IcansAgeGroup::kUnder12
                               : grading::IcansAgeGroup::kTwelveOrOver;
    if (s.capd && s.capd->number) {
      in.capd_score = static_cast<int>(*s.capd->number);
    }
    e.encephalopathy_scale =
        in.age_group == grading::IcansAgeGroup::kUnder12 ? "CAPD" : "ICE";
  }
  return out;
}

}  // namespace iraed::surveillance
