#include "store/febrile_neutropenia_step.h"

#include <algorithm>
#include <string>

#include "common/json.h"
#include "surveillance/evidence.h"
#include "surveillance/febrile_neutropenia_assembly.h"

namespace iraed::store {

namespace {

// Moments graded for one input at most (a day of hourly temperatures).
constexpr std::size_t kMaxMoments = 48;

}  // namespace

std::int64_t FebrileNeutropeniaStep::TemperatureFreshness() const {
  auto fresh = options_.freshness_ms.find(grading::Analyte::kBodyTemperature);
  return fresh == options_.freshness_ms.end() ? 0 : fresh->second;
}

Status FebrileNeutropeniaStep::OnObservation(
    surveillance::MessageWork& work,
    const surveillance::StoredObservation& stored) {
  if (options_.rule_set < grading::RuleSet::kRules3) return Status::Ok();
  if (stored.analyte != grading::Analyte::kNeutrophils &&
      stored.analyte != grading::Analyte::kBodyTemperature) {
    return Status::Ok();
  }
  const model::Observation& o = stored.observation;
  if (o.status == model::ResultStatus::kPreliminary) return Status::Ok();
  const UnixMillis at = o.observed_at;
  const std::int64_t patient = work.patient_row;
  if (!work.first_therapy) {
    ASSIGN_OR_RETURN(work.first_therapy, timeline_.FirstTherapy(patient));
  }
  if (!*work.first_therapy || (*work.first_therapy)->at > at) {
    return Status::Ok();  // not on monitored therapy (yet)
  }
  const surveillance::TherapyRef first = **work.first_therapy;
  const bool withdrawal = o.status == model::ResultStatus::kCancelled ||
                          o.status == model::ResultStatus::kEnteredInError;
  // This input's own moment, then every temperature charted after it that
  // reads it: within the ANC freshness for a count (a count resulted after
  // the fever it explains is the usual order), within the temperature's
  // for a temperature (a sustained run it completes).
  const std::int64_t reach = stored.analyte == grading::Analyte::kNeutrophils
                                 ? options_.fn_anc_freshness_ms
                                 : TemperatureFreshness();
  ASSIGN_OR_RETURN(
      std::vector<surveillance::ChartedValue> later,
      timeline_.ChartedSeries(patient, grading::Analyte::kBodyTemperature,
                              at + 1, at + reach));
  std::vector<UnixMillis> moments = {at};
  for (const surveillance::ChartedValue& t : later) {
    if (moments.size() >= kMaxMoments) break;
    if (t.observed_at != moments.back()) moments.push_back(t.observed_at);
  }
  for (UnixMillis m : moments) {
    RETURN_IF_ERROR(GradeMoment(work, stored.row, first, m, withdrawal));
  }
  return Status::Ok();
}

Status FebrileNeutropeniaStep::GradeMoment(
    surveillance::MessageWork& work, std::int64_t observation_row,
    const surveillance::TherapyRef& first, UnixMillis at, bool withdrawal) {
  const std::int64_t patient = work.patient_row;
  surveillance::FnSnapshot snapshot;
  snapshot.at = at;
  ASSIGN_OR_RETURN(
      std::vector<surveillance::StoredLabResult> counts,
      timeline_.AnalyteResultsBetween(patient, grading::Analyte::kNeutrophils,
                                      at - options_.fn_anc_freshness_ms, at));
  if (!counts.empty() && counts.back().observation.numeric) {
    const model::Observation& c = counts.back().observation;
    snapshot.anc = surveillance::AncValue{*c.numeric, c.unit, c.observed_at};
  }
  ASSIGN_OR_RETURN(
      snapshot.temperatures,
      timeline_.ChartedSeries(patient, grading::Analyte::kBodyTemperature,
                              at - TemperatureFreshness(), at));
  surveillance::FnAssessment a =
      surveillance::AssessFebrileNeutropenia(snapshot);
  const std::string term(grading::kFebrileNeutropeniaTerm);
  ASSIGN_OR_RETURN(int previous, writer_.GradeAt(patient, term, at));
  if (!a.grade) {
    // Nothing gradable (no current ANC or temperature: gone stale, or
    // withdrawn): an episode in force is no longer supported, and must not
    // keep the next one from paging. Unknown never becomes a new grade.
    if (previous == 0) return Status::Ok();
    // Only the count gone stale while the fever goes on: the same episode
    // (ending it would page again when the next count comes). A withdrawn
    // input ends it whatever the fever: the episode rested on it.
    if (!withdrawal && !snapshot.temperatures.empty() &&
        snapshot.temperatures.back().number &&
        *snapshot.temperatures.back().number >= grading::kFnSustainedFrom) {
      return Status::Ok();
    }
    a.grade = grading::FnGrade{
        0,
        "the episode is no longer current: no neutrophil count within the "
        "ANC freshness or no temperature within the temperature's",
        {}};
  }
  if (a.grade->grade == previous) return Status::Ok();

  ASSIGN_OR_RETURN(std::optional<surveillance::TherapyRef> latest,
                   timeline_.LatestTherapyAt(patient, at));
  ASSIGN_OR_RETURN(bool after_checkpoint,
                   timeline_.CheckpointDoseBy(patient, at));
  FindingWriter::Finding f;
  f.patient_row = patient;
  f.message_row = work.message_row;
  f.observation_row = observation_row;
  f.term = term;
  f.meddra = std::string(grading::kFebrileNeutropeniaMeddra);
  f.system = "CTCAE 5.0";
  f.rule_version = grading::kFebrileNeutropeniaRuleVersion;
  f.grade = a.grade->grade;
  f.previous_grade = previous;
  f.observed_at = at;
  f.recorded_at = work.recorded_at;
  f.evidence = DumpJson(surveillance::ToJson(surveillance::FnFindingEvidence{
      snapshot.anc, a.anc_giga_per_l, a.grade->decisive, a.grade->rule,
      surveillance::TherapyJson(first, at),
      surveillance::TherapyJson(latest ? *latest : first, at)}));
  f.what = a.grade->rule;
  f.therapy = surveillance::TherapyText(first, at);
  f.after_checkpoint_inhibitor = after_checkpoint;
  return writer_.Write(work, f).status();
}

}  // namespace iraed::store
