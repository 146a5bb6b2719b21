// File: grading/icans.h
//
// ASTCT 2019 consensus grade of immune effector cell-associated
// neurotoxicity syndrome, adults and children >= 12 (source key LEE-ICANS;
// clinical-grading.md section 3). Pure.
//
// Rules:
//   - Grade = the most severe domain: ICE score (7-9 -> 1, 3-6 -> 2, 0-2 -> 3,
//     0 because unarousable -> 4), depressed level of consciousness
//     (awakens spontaneously 1, to voice 2, only to touch 3, unarousable 4),
//     seizure (rapidly resolving or EEG-only resolving with intervention 3,
//     prolonged > 5 min or repetitive without return to baseline 4), motor
//     findings (deep focal weakness 4), raised intracranial pressure
//     (focal oedema 3; diffuse oedema, posturing, CN VI palsy, papilloedema
//     or Cushing's triad 4).
//   - A sedated patient cannot be graded on the ICE and consciousness
//     domains: those give no grade (not grade 0); the other domains still
//     count. If no domain is gradable the result is "not gradable".
//   - Children under 12 (reference 10.5, rule sets from iraed-rules-4):
//     the encephalopathy domain is the CAPD score (0-32) instead of ICE:
//     0 none; 1-8 grade 1 when the child is alert or awakens spontaneously,
//     2 when it awakens to voice (with no level of consciousness charted:
//     2, provisional, the worst case); >= 9 grade 3; unable to perform
//     because unarousable is grade 4 (the consciousness domain). ICE is not
//     used under 12. An unknown age grades by ICE.
//   - Tremor, myoclonus and intracranial haemorrhage are not ICANS.
//   - Findings are assumed not attributable to another cause (stated in
//     `assumption`).
#ifndef IRAED_GRADING_ICANS_H_
#define IRAED_GRADING_ICANS_H_

#include <optional>
#include <string>

#include "grading/rule_set.h"

namespace iraed::grading {

// iraed-1: first version. iraed-2: the stored moments a late input bears
// on are graded again (store/astct_grading_step.h).
// iraed-3 (iraed-rules-4): CAPD for children under 12.
inline constexpr const char* kIcansRuleVersion = "astct-2019-icans/iraed-3";
// The version a rule set stamps.
const char* IcansRuleVersion(RuleSet r);

enum class Consciousness {
  kAlert,
  kAwakensSpontaneously,
  kAwakensToVoice,
  kAwakensToTactile,
  kUnarousable,
};

// kUnspecified: a seizure charted without its course; graded 3 (the least
// a clinical seizure is) and provisional: grade 4 if it lasted > 5 min or
// repeated without return to baseline.
enum class Seizure {
  kNone,
  kRapidlyResolving,
  kProlongedOrRepetitive,
  kUnspecified
};

enum class CerebralEdema { kNone, kFocal, kDiffuse };

// Which encephalopathy scale applies (reference 10.5): CAPD under 12 years
// at the moment graded, ICE from 12, ICE when the age is unknown.
enum class IcansAgeGroup { kUnknown, kUnder12, kTwelveOrOver };

struct IcansInputs {
  // 0..10, fresh only; values outside are clamped to 0 or 10 (the store
  // never passes them: ReadClinicalState rejects them).
  std::optional<int> ice_score;
  std::optional<Consciousness> consciousness;
  bool sedated = false;
  std::optional<Seizure> seizure;
  std::optional<bool> deep_focal_motor_weakness;
  std::optional<CerebralEdema> cerebral_edema;
  IcansAgeGroup age_group = IcansAgeGroup::kUnknown;
  // 0..32, fresh only; read for children under 12 only (clamped).
  std::optional<int> capd_score;
};

struct IcansGrade {
  // nullopt: not gradable (sedated, or nothing known).
  std::optional<int> grade;
  bool provisional = false;
  std::string assumption;
  std::string reason;
};

IcansGrade GradeIcans(const IcansInputs& in);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_ICANS_H_
