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
//   - Tremor, myoclonus and intracranial haemorrhage are not ICANS.
//   - Findings are assumed not attributable to another cause (stated in
//     `assumption`).
#ifndef IRAED_GRADING_ICANS_H_
#define IRAED_GRADING_ICANS_H_

#include <optional>
#include <string>

namespace iraed::grading {

// iraed-1: first version. iraed-2: the stored moments a late input bears
// on are graded again (store/astct_grading_step.h).
inline constexpr const char* kIcansRuleVersion = "astct-2019-icans/iraed-2";

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

struct IcansInputs {
  // 0..10, fresh only; values outside are clamped to 0 or 10 (the store
  // never passes them: ReadClinicalState rejects them).
  std::optional<int> ice_score;
  std::optional<Consciousness> consciousness;
  bool sedated = false;
  std::optional<Seizure> seizure;
  std::optional<bool> deep_focal_motor_weakness;
  std::optional<CerebralEdema> cerebral_edema;
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
