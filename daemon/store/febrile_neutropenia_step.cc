#include "store/febrile_neutropenia_step.h"

#include <string>

#include "common/json.h"
#include "surveillance/evidence.h"
#include "surveillance/febrile_neutropenia_assembly.h"

namespace iraed::store {

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
  auto fresh = options_.freshness_ms.find(grading::Analyte::kBodyTemperature);
  const std::int64_t temperature_fresh =
      fresh == options_.freshness_ms.end() ? 0 : fresh->second;
  ASSIGN_OR_RETURN(
      snapshot.temperatures,
      timeline_.ChartedSeries(patient, grading::Analyte::kBodyTemperature,
                              at - temperature_fresh, at));
  const surveillance::FnAssessment a =
      surveillance::AssessFebrileNeutropenia(snapshot);
  if (!a.grade) return Status::Ok();
  const std::string term(grading::kFebrileNeutropeniaTerm);
  ASSIGN_OR_RETURN(int previous, writer_.GradeAt(patient, term, at));
  if (a.grade->grade == previous) return Status::Ok();

  ASSIGN_OR_RETURN(std::optional<surveillance::TherapyRef> latest,
                   timeline_.LatestTherapyAt(patient, at));
  ASSIGN_OR_RETURN(bool after_checkpoint,
                   timeline_.CheckpointDoseBy(patient, at));
  FindingWriter::Finding f;
  f.patient_row = patient;
  f.message_row = work.message_row;
  f.observation_row = stored.row;
  f.term = term;
  f.meddra = std::string(grading::kFebrileNeutropeniaMeddra);
  f.system = "CTCAE 5.0";
  f.rule_version = grading::kFebrileNeutropeniaRuleVersion;
  f.grade = a.grade->grade;
  f.previous_grade = previous;
  f.observed_at = at;
  f.recorded_at = work.recorded_at;
  f.evidence = DumpJson(surveillance::ToJson(surveillance::FnFindingEvidence{
      *snapshot.anc, *a.anc_giga_per_l, a.grade->decisive, a.grade->rule,
      surveillance::TherapyJson(first, at),
      surveillance::TherapyJson(latest ? *latest : first, at)}));
  f.what = "Febrile neutropenia: " + a.grade->rule;
  f.therapy = surveillance::TherapyText(first, at);
  f.after_checkpoint_inhibitor = after_checkpoint;
  return writer_.Write(work, f).status();
}

}  // namespace iraed::store
