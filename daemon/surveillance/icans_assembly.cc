#include "surveillance/icans_assembly.h"

#include "grading/clinical_states.h"
#include "surveillance/evidence.h"

namespace iraed::surveillance {

namespace {

Json Charted(const std::optional<ChartedValue>& v) {
  return ChartedJson(
      v, v && v->number ? EvidenceNumber(*v->number) : Json(v ? v->token : ""));
}

}  // namespace

IcansAssessment AssembleIcans(const IcansSnapshot& s) {
  IcansAssessment out;
  grading::IcansInputs& in = out.inputs;
  out.evidence = Json::object();
  out.evidence["ice_score"] = Charted(s.ice_score);
  out.evidence["consciousness"] = Charted(s.consciousness);
  out.evidence["seizure"] = Charted(s.seizure);
  out.evidence["deep_focal_motor_weakness"] = Charted(s.motor_weakness);
  out.evidence["cerebral_edema"] = Charted(s.cerebral_edema);
  out.evidence["sedated"] = Charted(s.sedated);
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
  return out;
}

}  // namespace iraed::surveillance
