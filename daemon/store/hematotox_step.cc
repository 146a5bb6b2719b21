#include "store/hematotox_step.h"

#include <optional>
#include <string>
#include <tuple>

#include "common/json.h"
#include "common/time_format.h"
#include "grading/car_hematotox.h"
#include "grading/units.h"
#include "surveillance/evidence.h"

namespace iraed::store {
namespace {

using grading::Analyte;
using grading::Unit;

bool IsHematotoxInput(Analyte a) {
  return a == Analyte::kPlatelets || a == Analyte::kNeutrophils ||
         a == Analyte::kHemoglobin || a == Analyte::kCrp ||
         a == Analyte::kFerritin;
}

// The value in the score's unit (x10^9/L, g/dL, mg/dL, ng/mL); nullopt
// when its unit cannot be converted exactly.
std::optional<double> InScoreUnit(Analyte a, double v, Unit u) {
  switch (a) {
    case Analyte::kPlatelets:
    case Analyte::kNeutrophils:
      return grading::CountToGigaPerL(v, u);
    case Analyte::kHemoglobin:
      if (u == Unit::kGPerDl) return v;
      if (u == Unit::kGPerL) return v / 10;
      return std::nullopt;
    case Analyte::kCrp:
      if (u == Unit::kMgPerDl) return v;
      if (u == Unit::kMgPerL) return v / 10;
      return std::nullopt;
    case Analyte::kFerritin:
      if (u == Unit::kNgPerMl) return v;  // = ug/L
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

Json CutoffsJson(const grading::HematotoxCutoffs& c) {
  return {
      {"platelets_no_points_above", JsonNumber(c.platelets_no_points_above)},
      {"platelets_two_points_below", JsonNumber(c.platelets_two_points_below)},
      {"anc_point_below", JsonNumber(c.anc_point_below)},
      {"hemoglobin_point_below", JsonNumber(c.hemoglobin_point_below)},
      {"crp_point_from", JsonNumber(c.crp_point_from)},
      {"ferritin_point_from", JsonNumber(c.ferritin_point_from)},
      {"ferritin_two_points_above", JsonNumber(c.ferritin_two_points_above)},
      {"high_risk_from", c.high_risk_from}};
}

// The last value of each input before `before` (within the look-back),
// in the score's units, and as the evidence shows it.
struct Reading {
  grading::HematotoxInputs in;
  Json inputs = Json::object();
  std::string unusable;    // inputs whose unit cannot be converted
  std::string comparator;  // inputs last sent with a comparator
};

Result<Reading> ReadInputs(surveillance::PatientTimeline& timeline,
                           const grading::GradingOptions& options,
                           std::int64_t patient, UnixMillis before) {
  Reading out;
  grading::HematotoxInputs& in = out.in;
  for (const auto& [analyte, name, into] :
       {std::tuple{Analyte::kPlatelets, "platelets", &in.platelets_g_l},
        std::tuple{Analyte::kNeutrophils, "anc", &in.anc_g_l},
        std::tuple{Analyte::kHemoglobin, "hemoglobin", &in.hemoglobin_g_dl},
        std::tuple{Analyte::kCrp, "crp", &in.crp_mg_dl},
        std::tuple{Analyte::kFerritin, "ferritin", &in.ferritin_ng_ml}}) {
    ASSIGN_OR_RETURN(std::optional<surveillance::StoredLabResult> r,
                     timeline.LatestAnalyteResult(
                         patient, analyte,
                         before - options.hematotox_lookback_ms, before - 1));
    // A newer result sent with a comparator ("<5 mg/L") is the last value:
    // not graded, so the input is missing (never an older value instead).
    ASSIGN_OR_RETURN(std::optional<UnixMillis> bounded,
                     timeline.LatestComparatorResult(
                         patient, analyte,
                         before - options.hematotox_lookback_ms, before - 1));
    if (bounded && (!r || *bounded >= r->observation.observed_at)) {
      out.inputs[name] = {{"comparator_at", FormatUtcMillis(*bounded)}};
      out.comparator += std::string(out.comparator.empty() ? "" : ", ") + name;
      continue;
    }
    if (!r || !r->observation.numeric) {
      out.inputs[name] = Json();
      continue;
    }
    const model::Observation& o = r->observation;
    const std::optional<Unit> unit = grading::ParseUnit(o.unit);
    if (unit) *into = InScoreUnit(analyte, *o.numeric, *unit);
    if (!*into) {
      out.unusable += std::string(out.unusable.empty() ? "" : ", ") + name;
    }
    out.inputs[name] = {{"value", JsonNumber(*o.numeric)},
                        {"unit", o.unit},
                        {"observed_at", FormatUtcMillis(o.observed_at)},
                        {"in_score_unit", JsonNumber(*into)}};
  }
  return out;
}

}  // namespace

Status HematotoxStep::OnObservation(surveillance::MessageWork& work,
                                    const surveillance::StoredObservation& o) {
  if (On() && o.analyte && IsHematotoxInput(*o.analyte)) {
    work.hematotox_due = true;
  }
  return Status::Ok();
}

Status HematotoxStep::OnAdministration(surveillance::MessageWork& work,
                                       const model::MedicationAdministration& m,
                                       grading::DrugClass drug_class) {
  (void)m;
  if (On() && (drug_class == grading::DrugClass::kLymphodepletion ||
               drug_class == grading::DrugClass::kCarT)) {
    work.hematotox_due = true;
  }
  return Status::Ok();
}

Status HematotoxStep::OnTherapy(surveillance::MessageWork& work,
                                const model::TherapyEvent& t) {
  if (On() && t.kind == model::TherapyKind::kCarTInfusion) {
    work.hematotox_due = true;
  }
  return Status::Ok();
}

Status HematotoxStep::OnMessageDone(surveillance::MessageWork& work) {
  if (!work.hematotox_due) return Status::Ok();
  work.hematotox_due = false;
  return Score(work);
}

Status HematotoxStep::Score(surveillance::MessageWork& work) {
  const std::int64_t patient = work.patient_row;
  // The latest infusion on record (one recorded ahead of its time within a
  // year counts).
  ASSIGN_OR_RETURN(
      std::optional<surveillance::CarTDay> cart,
      timeline_.CarTDayAt(patient, work.recorded_at + 365 * grading::kDayMs));
  if (!cart) return Status::Ok();
  const surveillance::TherapyRef& infusion = cart->infusion;
  ASSIGN_OR_RETURN(
      std::optional<UnixMillis> ld,
      timeline_.FirstDoseOfClass(
          patient, "lymphodepletion",
          infusion.at - options_.lymphodepletion_window_ms, infusion.at));
  const UnixMillis before = ld.value_or(infusion.at);
  ASSIGN_OR_RETURN(Reading r, ReadInputs(timeline_, options_, patient, before));
  grading::HematotoxInputs& in = r.in;
  Json& inputs = r.inputs;
  const std::string& unusable = r.unusable;
  const grading::HematotoxScore s =
      grading::ScoreHematotox(in, options_.hematotox);
  const int grade = s.high_risk.value_or(false) ? 1 : 0;
  const bool provisional = !s.high_risk.has_value();
  ASSIGN_OR_RETURN(std::optional<FindingWriter::InForce> now,
                   writer_.InForceAt(patient, grading::kHematotoxTerm,
                                     infusion.at, grading::kHematotoxSystem));
  // Only a finding at this infusion's time is this infusion's (an earlier
  // infusion's is not).
  if (now && now->observed_at != infusion.at) now.reset();
  Json evidence = {
      {"infusion",
       {{"product", infusion.product}, {"at", FormatUtcMillis(infusion.at)}}},
      {"lymphodepletion_start", ld ? Json(FormatUtcMillis(*ld)) : Json()},
      {"values_before", FormatUtcMillis(before)},
      {"inputs", std::move(inputs)},
      {"score", s.score},
      {"complete", s.complete},
      {"missing", s.missing},
      {"unusable_units", unusable},
      {"sent_with_comparator", r.comparator},
      {"risk", s.high_risk ? (*s.high_risk ? "high" : "low") : "unknown"},
      {"rule", s.reason},
      {"cutoffs", CutoffsJson(options_.hematotox)},
      {"verification", std::string(grading::kHematotoxVerification)}};
  FindingWriter::Finding f;
  f.patient_row = patient;
  f.message_row = work.message_row;
  f.term = std::string(grading::kHematotoxTerm);
  f.system = std::string(grading::kHematotoxSystem);
  f.rule_version = grading::kHematotoxRuleVersion;
  f.grade = grade;
  f.previous_grade = now ? now->grade : 0;
  f.provisional = provisional;
  if (provisional) {
    evidence["assumption"] =
        "score incomplete below the high-risk line: risk class unknown "
        "until the missing inputs are known";
  }
  f.observed_at = infusion.at;
  f.recorded_at = work.recorded_at;
  f.evidence = DumpJson(evidence);
  // Written again whenever what it says changed (a late, corrected or
  // withdrawn input, a lymphodepletion dose recorded later), not only its
  // class.
  if (now) {
    ASSIGN_OR_RETURN(std::string before, writer_.EvidenceOf(now->id));
    if (before == f.evidence && now->grade == grade) return Status::Ok();
  }
  f.what = "CAR-HEMATOTOX score " + std::to_string(s.score) +
           (s.high_risk ? (*s.high_risk ? " (high risk)" : " (low risk)")
                        : " so far (incomplete)");
  f.therapy = surveillance::TherapyText(infusion, infusion.at);
  f.drives_alerts = false;  // a risk finding pages nobody
  return writer_.Write(work, f).status();
}

}  // namespace iraed::store
