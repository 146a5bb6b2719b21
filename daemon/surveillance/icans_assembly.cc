#include "surveillance/icans_assembly.h"

#include "grading/clinical_states.h"

namespace iraed::surveillance {

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
  return out;
}

}  // namespace iraed::surveillance
