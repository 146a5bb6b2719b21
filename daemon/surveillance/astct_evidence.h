// File: surveillance/astct_evidence.h
//
// The evidence of an ASTCT finding (findings.evidence, JSON), as types. Key
// names and their order are frozen like proto field numbers: stored
// evidence is read back by `iraectl audit explain`, compared by `replay`
// (tests/fixtures/replay_45b9b5d.db was written by the release before these
// types and must still replay exactly) and covered by the audit chain. A
// key is added, never renamed, retyped or moved. ToJson writes the keys in
// the order the fields are declared.
#ifndef IRAED_SURVEILLANCE_ASTCT_EVIDENCE_H_
#define IRAED_SURVEILLANCE_ASTCT_EVIDENCE_H_

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "surveillance/charted_value.h"

namespace iraed::surveillance {

// A charted input: {"value": V, "observed_at": UTC} where V is a number (6
// significant digits), a token or null; the whole is null when nothing
// current was charted.
struct ChartedEvidence {
  std::optional<UnixMillis> observed_at;  // nullopt: nothing charted
  std::variant<std::monostate, double, std::string> value;

  // The number charted (null value when the row has none).
  static ChartedEvidence Number(const std::optional<ChartedValue>& v);
  // The token charted.
  static ChartedEvidence Token(const std::optional<ChartedValue>& v);
  // The number, else the token (ICANS domains, where either is charted).
  static ChartedEvidence NumberElseToken(const std::optional<ChartedValue>& v);
};

// The masking dose that makes fever count as present: {"drug", "class",
// "at"}.
struct MaskingEvidence {
  std::string drug;
  std::string drug_class;
  UnixMillis at = 0;
};

// What CRS grading read at the moment (surveillance/crs_assembly.h).
struct CrsEvidence {
  ChartedEvidence temperature_cel;
  std::optional<MaskingEvidence> fever_masked_by;  // null when none
  ChartedEvidence hypotension_flag;
  ChartedEvidence systolic_mm_hg;
  std::optional<double> hypotension_systolic_below;  // null: rule off
  std::vector<std::string> vasopressors;             // generic names
  bool vasopressin = false;
  ChartedEvidence oxygen_device;
  ChartedEvidence oxygen_flow_l_min;
  // Rule sets from iraed-rules-3 read "fever with another documented
  // cause" (reference 10.4): the key fever_other_cause is written last,
  // only then (its value, or null when none was current).
  bool fever_other_cause_read = false;
  ChartedEvidence fever_other_cause;
  // From iraed-rules-4 (reference 10.6): fio2_percent, after it.
  bool fio2_read = false;
  ChartedEvidence fio2_percent;
};

// What ICANS grading read at the moment (surveillance/icans_assembly.h).
struct IcansEvidence {
  ChartedEvidence ice_score;
  ChartedEvidence consciousness;
  ChartedEvidence seizure;
  ChartedEvidence deep_focal_motor_weakness;
  ChartedEvidence cerebral_edema;
  ChartedEvidence sedated;
  // From iraed-rules-4 (by_age): the age in whole years (null: no birth
  // date on record), the CAPD score, and which scale graded the
  // encephalopathy domain ("CAPD" under 12, else "ICE").
  bool by_age = false;
  std::optional<int> age_years;
  ChartedEvidence capd_score;
  std::string encephalopathy_scale;
};

// The end every ASTCT finding's evidence shares: the rule, the assumption
// it rests on (absent for a restored grade), whether a late input had the
// moment graded again (absent when not), and the therapy
// ({"kind", "product", "at", "day"}, TherapyJson).
struct FindingBasis {
  std::string rule;
  std::optional<std::string> assumption;
  bool regraded_for_late_input = false;
  Json therapy;
};

// A CRS finding: the inputs, the domains with no current value, the basis.
struct CrsFindingEvidence {
  CrsEvidence inputs;
  std::string not_current;
  FindingBasis basis;
};

// An ICANS finding: the inputs and the basis.
struct IcansFindingEvidence {
  IcansEvidence inputs;
  FindingBasis basis;
};

// A grade restored when a moment is not gradable any more: the withdrawn
// result's time ({"observed_at"}, absent unless a withdrawal), the grade in
// force before the moment, the basis.
struct RestoredGradeEvidence {
  std::optional<UnixMillis> withdrawn_at;
  int grade_restored = 0;
  FindingBasis basis;
};

// Grade 0 because the CAR-T infusion or bispecific dose the grade rested on
// was entered in error: therapy_withdrawn (true), rule.
struct TherapyWithdrawnEvidence {
  std::string rule;
};

Json ToJson(const ChartedEvidence& e);
Json ToJson(const CrsEvidence& e);
Json ToJson(const IcansEvidence& e);
Json ToJson(const CrsFindingEvidence& e);
Json ToJson(const IcansFindingEvidence& e);
Json ToJson(const RestoredGradeEvidence& e);
Json ToJson(const TherapyWithdrawnEvidence& e);

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_ASTCT_EVIDENCE_H_
