#include "grading/icans.h"

#include <algorithm>
#include <functional>

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

// Reference 10.5: the CAPD band of a child under 12. 1-8 is grade 1 or 2
// by the level of consciousness; unknown, the worst case (2), assumed.
struct CapdBand {
  int grade = 0;
  bool consciousness_assumed = false;
};
CapdBand CapdGrade(int capd, std::optional<Consciousness> c) {
  if (capd <= 0) return {0, false};
  if (capd >= 9) return {3, false};
  if (!c) return {2, true};
  const bool awake =
      *c == Consciousness::kAlert || *c == Consciousness::kAwakensSpontaneously;
  return {awake ? 1 : 2, false};
}

// The encephalopathy (ICE, or CAPD under 12) and consciousness domains.
// Returns whether a CAPD band assumed the level of consciousness.
bool GradeAwareness(const IcansInputs& in,
                    const std::function<void(int)>& raise,
                    std::string& reason) {
  const bool child = in.age_group == IcansAgeGroup::kUnder12;
  bool capd_assumed = false;
  if (in.sedated) {
    Note(reason, child ? "sedated: CAPD and consciousness not gradable"
                       : "sedated: ICE and consciousness not gradable");
    return false;
  }
  const bool unarousable = in.consciousness == Consciousness::kUnarousable;
  if (child && in.capd_score) {
    const int capd = std::clamp(*in.capd_score, 0, 32);
    const CapdBand band = CapdGrade(capd, in.consciousness);
    raise(band.grade);
    capd_assumed = band.consciousness_assumed;
    Note(reason, "CAPD " + std::to_string(capd) + " (under 12)");
  }
  if (child && in.ice_score) Note(reason, "ICE not used under 12");
  if (!child && in.capd_score) {
    Note(reason, "CAPD not used from 12 or with the age unknown");
  }
  if (!child && in.ice_score) {
    const int ice = std::clamp(*in.ice_score, 0, 10);
    // ICE 0 in an unarousable patient is grade 4 (LEE-ICANS).
    const int g = (ice == 0 && unarousable) ? 4 : IceGrade(ice);
    raise(g);
    Note(reason, "ICE " + std::to_string(ice));
  }
  if (in.consciousness) {
    raise(ConsciousnessGrade(*in.consciousness));
    static const char* kNames[] = {
        "alert", "awakens spontaneously", "awakens to voice",
        "awakens only to tactile stimulus", "unarousable"};
    Note(reason, kNames[static_cast<int>(*in.consciousness)]);
  }
  return capd_assumed;
}

}  // namespace

const char* IcansRuleVersion(RuleSet r) {
  return r >= RuleSet::kRules4 ? kIcansRuleVersion : "astct-2019-icans/iraed-2";
}

IcansGrade GradeIcans(const IcansInputs& in) {
  IcansGrade out;
  std::optional<int> grade;
  auto raise = [&grade](int g) { grade = std::max(grade.value_or(0), g); };
  bool seizure_unspecified = false;

  const bool capd_assumed = GradeAwareness(in, raise, out.reason);
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
  if (capd_assumed && grade == 2) {
    out.provisional = true;
    out.assumption +=
        "; level of consciousness not charted: CAPD 1-8 taken as grade 2 "
        "(worst case); grade 1 if the child is alert or awakens "
        "spontaneously";
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
