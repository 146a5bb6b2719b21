#include "grading/icans.h"

#include <algorithm>

namespace iraed::grading {
namespace {

// LEE-ICANS ICE bands.
int IceGrade(int ice) {
  if (ice >= 10) return 0;
  if (ice >= 7) return 1;
  if (ice >= 3) return 2;
  return 3;
}

int ConsciousnessGrade(Consciousness c) {
  switch (c) {
    case Consciousness::kAlert:
      return 0;
    case Consciousness::kAwakensSpontaneously:
      return 1;
    case Consciousness::kAwakensToVoice:
      return 2;
    case Consciousness::kAwakensToTactile:
      return 3;
    case Consciousness::kUnarousable:
      return 4;
  }
  return 0;
}

void Note(std::string& reason, const std::string& what) {
  if (!reason.empty()) reason += "; ";
  reason += what;
}

}  // namespace

IcansGrade GradeIcans(const IcansInputs& in) {
  IcansGrade out;
  std::optional<int> grade;
  auto raise = [&grade](int g) { grade = std::max(grade.value_or(0), g); };
  bool seizure_unspecified = false;

  if (in.sedated) {
    Note(out.reason, "sedated: ICE and consciousness not gradable");
  } else {
    const bool unarousable = in.consciousness == Consciousness::kUnarousable;
    if (in.ice_score) {
      const int ice = std::clamp(*in.ice_score, 0, 10);
      // ICE 0 in an unarousable patient is grade 4 (LEE-ICANS).
      const int g = (ice == 0 && unarousable) ? 4 : IceGrade(ice);
      raise(g);
      Note(out.reason, "ICE " + std::to_string(ice));
    }
    if (in.consciousness) {
      raise(ConsciousnessGrade(*in.consciousness));
      static const char* kNames[] = {
          "alert", "awakens spontaneously", "awakens to voice",
          "awakens only to tactile stimulus", "unarousable"};
      Note(out.reason, kNames[static_cast<int>(*in.consciousness)]);
    }
  }
  if (in.seizure) {
    switch (*in.seizure) {
      case Seizure::kNone:
        raise(0);
        break;
      case Seizure::kRapidlyResolving:
        raise(3);
        Note(out.reason, "seizure resolving rapidly");
        break;
      case Seizure::kProlongedOrRepetitive:
        raise(4);
        Note(out.reason, "prolonged or repetitive seizures");
        break;
      case Seizure::kUnspecified:
        raise(3);
        Note(out.reason, "clinical seizure, course not charted");
        seizure_unspecified = true;
        break;
    }
  }
  if (in.deep_focal_motor_weakness) {
    raise(*in.deep_focal_motor_weakness ? 4 : 0);
    if (*in.deep_focal_motor_weakness) {
      Note(out.reason, "deep focal motor weakness");
    }
  }
  if (in.cerebral_edema) {
    switch (*in.cerebral_edema) {
      case CerebralEdema::kNone:
        raise(0);
        break;
      case CerebralEdema::kFocal:
        raise(3);
        Note(out.reason, "focal cerebral oedema");
        break;
      case CerebralEdema::kDiffuse:
        raise(4);
        Note(out.reason, "diffuse cerebral oedema or raised ICP signs");
        break;
    }
  }
  // Sedated: only positive findings of the other domains count; their
  // absence does not make the patient "no ICANS".
  if (in.sedated && grade == 0) grade.reset();
  out.grade = grade;
  if (grade && *grade > 0) {
    out.assumption = "findings not attributable to another cause";
  }
  if (seizure_unspecified && grade == 3) {
    out.provisional = true;
    out.assumption +=
        "; seizure course unknown: grade 4 if it lasted more than 5 min or "
        "repeated without return to baseline";
  }
  return out;
}

}  // namespace iraed::grading
