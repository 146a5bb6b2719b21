#include "store/icaht_grading_step.h"

#include <algorithm>
#include <string>

#include "common/json.h"
#include "grading/icaht.h"
#include "surveillance/evidence.h"

namespace iraed::store {

Status IcahtGradingStep::OnObservation(
    surveillance::MessageWork& work,
    const surveillance::StoredObservation& stored) {
  if (options_.rule_set < grading::RuleSet::kRules3) return Status::Ok();
  if (stored.analyte != grading::Analyte::kNeutrophils) return Status::Ok();
  const model::Observation& o = stored.observation;
  if (o.status == model::ResultStatus::kPreliminary) return Status::Ok();
  ASSIGN_OR_RETURN(std::optional<surveillance::CarTDay> cart,
                   timeline_.CarTDayAt(work.patient_row, o.observed_at));
  if (!cart || cart->day < 0 || cart->day > grading::kLateIcahtLastDay) {
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(std::vector<surveillance::NeutrophilCount> counts,
                   CountsSince(work.patient_row, cart->infusion));
  surveillance::IcahtAssessment a =
      surveillance::AssessIcaht(counts, options_.icaht_counting,
                                options_.rule_set >= grading::RuleSet::kRules4
                                    ? options_.late_icaht
                                    : grading::LateIcahtBands{});
  // Graded no earlier than this result (a withdrawn count's own time: the
  // grade it had caused is in force there, and is replaced there).
  const bool early_day = cart->day <= grading::kEarlyIcahtLastDay;
  if (a.early && early_day) a.early->at = std::max(a.early->at, o.observed_at);
  if (a.late && !early_day) a.late->at = std::max(a.late->at, o.observed_at);
  // A window without a usable count any more (its counts withdrawn or
  // corrected away) falls back to grade 0 at this result's time, so no
  // grade stays in force that nothing on record supports.
  auto none = [&](bool early) {
    surveillance::IcahtAt n;
    n.at = o.observed_at;
    n.through_day = cart->day;
    n.grade.rule = std::string("no usable neutrophil count of days ") +
                   (early ? "0-30" : "31-100") + " is on record";
    return n;
  };
  RETURN_IF_ERROR(WriteIfChanged(work, stored.row, cart->infusion, true,
                                 a.early ? *a.early : none(true), a));
  if (a.late || cart->day > grading::kEarlyIcahtLastDay) {
    RETURN_IF_ERROR(WriteIfChanged(work, stored.row, cart->infusion, false,
                                   a.late ? *a.late : none(false), a));
  }
  return Status::Ok();
}

Result<std::vector<surveillance::NeutrophilCount>>
IcahtGradingStep::CountsSince(std::int64_t patient_row,
                              const surveillance::TherapyRef& infusion) {
  const std::int64_t first_day = timeline_.SiteDay(infusion.at);
  // From a week before the infusion (the nearest count before its day is
  // day 0's neighbour) to a day after day 100 (calendar days at the ends).
  const UnixMillis from = infusion.at - 8 * grading::kDayMs;
  const UnixMillis to =
      infusion.at + (grading::kLateIcahtLastDay + 2) * grading::kDayMs;
  ASSIGN_OR_RETURN(std::vector<surveillance::StoredLabResult> found,
                   timeline_.AnalyteResultsBetween(
                       patient_row, grading::Analyte::kNeutrophils, from, to));
  std::vector<surveillance::NeutrophilCount> counts;
  for (const surveillance::StoredLabResult& r : found) {
    if (!r.observation.numeric) continue;
    const std::int64_t day =
        timeline_.SiteDay(r.observation.observed_at) - first_day;
    if (day < -7 || day > grading::kLateIcahtLastDay) continue;
    counts.push_back({r.observation.observed_at, static_cast<int>(day),
                      *r.observation.numeric, r.observation.unit});
  }
  return counts;
}

Status IcahtGradingStep::WriteIfChanged(
    surveillance::MessageWork& work, std::int64_t observation_row,
    const surveillance::TherapyRef& infusion, bool early,
    const surveillance::IcahtAt& graded,
    const surveillance::IcahtAssessment& assessment) {
  const std::string_view term =
      early ? grading::kEarlyIcahtTerm : grading::kLateIcahtTerm;
  ASSIGN_OR_RETURN(std::optional<FindingWriter::InForce> in_force,
                   writer_.InForceAt(work.patient_row, term, graded.at));
  const int previous = in_force ? in_force->grade : 0;
  const bool was_provisional = in_force && in_force->provisional;
  if (graded.grade.grade == previous &&
      (!in_force || graded.grade.provisional == was_provisional)) {
    return Status::Ok();
  }
  FindingWriter::Finding f;
  f.patient_row = work.patient_row;
  f.message_row = work.message_row;
  f.observation_row = observation_row;
  f.term = std::string(term);
  f.system = grading::kIcahtSystem;
  f.rule_version = grading::IcahtRuleVersion(options_.icaht_counting);
  f.grade = graded.grade.grade;
  f.previous_grade = previous;
  f.provisional = graded.grade.provisional;
  f.observed_at = graded.at;
  f.recorded_at = work.recorded_at;
  f.evidence = DumpJson(surveillance::ToJson(surveillance::IcahtFindingEvidence{
      infusion, early, options_.icaht_counting, graded,
      assessment.unusable_units}));
  f.what = surveillance::IcahtWhat(early, graded);
  f.therapy = surveillance::TherapyText(infusion, graded.at);
  return writer_.Write(work, f).status();
}

}  // namespace iraed::store
