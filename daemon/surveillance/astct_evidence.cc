#include "surveillance/astct_evidence.h"

#include "common/time_format.h"
#include "surveillance/evidence.h"

namespace iraed::surveillance {
namespace {

void AppendBasis(Json& j, const FindingBasis& b) {
  j["rule"] = b.rule;
  if (b.assumption) j["assumption"] = *b.assumption;
  if (b.regraded_for_late_input) j["regraded_for_late_input"] = true;
  j["therapy"] = b.therapy;
}

}  // namespace

ChartedEvidence ChartedEvidence::Number(const std::optional<ChartedValue>& v) {
  ChartedEvidence e;
  if (!v) return e;
  e.observed_at = v->observed_at;
  if (v->number) e.value = *v->number;
  return e;
}

ChartedEvidence ChartedEvidence::Token(const std::optional<ChartedValue>& v) {
  ChartedEvidence e;
  if (!v) return e;
  e.observed_at = v->observed_at;
  e.value = v->token;
  return e;
}

ChartedEvidence ChartedEvidence::NumberElseToken(
    const std::optional<ChartedValue>& v) {
  ChartedEvidence e;
  if (!v) return e;
  e.observed_at = v->observed_at;
  if (v->number) {
    e.value = *v->number;
  } else {
    e.value = v->token;
  }
  return e;
}

Json ToJson(const ChartedEvidence& e) {
  if (!e.observed_at) return nullptr;
  Json value;
  if (const double* d = std::get_if<double>(&e.value)) {
    value = EvidenceNumber(*d);
  } else if (const std::string* s = std::get_if<std::string>(&e.value)) {
    value = *s;
  }
  return {{"value", std::move(value)},
          {"observed_at", FormatUtcMillis(*e.observed_at)}};
}

Json ToJson(const CrsEvidence& e) {
  Json j = Json::object();
  j["temperature_cel"] = ToJson(e.temperature_cel);
  j["fever_masked_by"] =
      e.fever_masked_by ? Json{{"drug", e.fever_masked_by->drug},
                               {"class", e.fever_masked_by->drug_class},
                               {"at", FormatUtcMillis(e.fever_masked_by->at)}}
                        : Json();
  j["hypotension_flag"] = ToJson(e.hypotension_flag);
  j["systolic_mm_hg"] = ToJson(e.systolic_mm_hg);
  j["hypotension_systolic_below"] =
      e.hypotension_systolic_below
          ? EvidenceNumber(*e.hypotension_systolic_below)
          : Json();
  j["vasopressors"] = e.vasopressors;
  j["vasopressin"] = e.vasopressin;
  j["oxygen_device"] = ToJson(e.oxygen_device);
  j["oxygen_flow_l_min"] = ToJson(e.oxygen_flow_l_min);
  if (e.fever_other_cause_read) {
    j["fever_other_cause"] = ToJson(e.fever_other_cause);
  }
  if (e.fio2_read) {
    j["fio2_percent"] = ToJson(e.fio2_percent);
  }
  return j;
}

Json ToJson(const IcansEvidence& e) {
  Json j = Json::object();
  j["ice_score"] = ToJson(e.ice_score);
  j["consciousness"] = ToJson(e.consciousness);
  j["seizure"] = ToJson(e.seizure);
  j["deep_focal_motor_weakness"] = ToJson(e.deep_focal_motor_weakness);
  j["cerebral_edema"] = ToJson(e.cerebral_edema);
  j["sedated"] = ToJson(e.sedated);
  if (e.by_age) {
    j["age_years"] = e.age_years ? Json(*e.age_years) : Json(nullptr);
    j["capd_score"] = ToJson(e.capd_score);
    j["encephalopathy_scale"] = e.encephalopathy_scale;
  }
  return j;
}

Json ToJson(const CrsFindingEvidence& e) {
  Json j = ToJson(e.inputs);
  j["not_current"] = e.not_current;
  AppendBasis(j, e.basis);
  return j;
}

Json ToJson(const IcansFindingEvidence& e) {
  Json j = ToJson(e.inputs);
  AppendBasis(j, e.basis);
  return j;
}

Json ToJson(const RestoredGradeEvidence& e) {
  Json j = Json::object();
  if (e.withdrawn_at) {
    j["withdrawn"] = {{"observed_at", FormatUtcMillis(*e.withdrawn_at)}};
  }
  j["grade_restored"] = e.grade_restored;
  AppendBasis(j, e.basis);
  return j;
}

Json ToJson(const TherapyWithdrawnEvidence& e) {
  return {{"therapy_withdrawn", true}, {"rule", e.rule}};
}

}  // namespace iraed::surveillance
