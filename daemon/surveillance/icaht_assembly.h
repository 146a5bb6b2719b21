// File: surveillance/icaht_assembly.h
//
// Early and late ICAHT (grading/icaht.h) of a CAR-T patient from the
// neutrophil counts the record holds since the infusion, and the evidence
// of the findings they make (store/icaht_grading_step.h reads the counts
// and writes them). Pure: no I/O; calendar days are computed by the caller
// in the site's time zone.
//
//   - a count counts when it is final or corrected, numeric, in a count
//     unit (grading/units.h: 10*9/L, 10*3/uL, /uL, ...), and neither
//     superseded nor withdrawn (the caller's query); a count in another
//     unit is left out and named in the evidence;
//   - early ICAHT (days 0-30) is graded through the latest day a count is
//     known for, at most 30, as of that count (or, once a count of day 31
//     or later is stored, as of the first such count: the window is then
//     known to be closed, and the grade final); the nearest count before
//     the infusion's day and the first after day 30 are the neighbours of
//     the window's edge days without a count (never counted themselves);
//   - late ICAHT (days 31-100) from the nadir of the counts stored so far,
//     as of the latest of them.
#ifndef IRAED_SURVEILLANCE_ICAHT_ASSEMBLY_H_
#define IRAED_SURVEILLANCE_ICAHT_ASSEMBLY_H_

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "grading/icaht.h"
#include "surveillance/charted_value.h"

namespace iraed::surveillance {

// A stored neutrophil count and its calendar day after the infusion.
struct NeutrophilCount {
  UnixMillis observed_at = 0;
  int day = 0;
  double value = 0;
  std::string unit;
};

// One ICAHT grade and the moment it is graded at (the finding's time).
struct IcahtAt {
  grading::IcahtGrade grade;
  UnixMillis at = 0;
  int through_day = 0;
  std::vector<grading::AncDay> days;  // the lowest count of each day used
};

struct IcahtAssessment {
  std::optional<IcahtAt> early;
  std::optional<IcahtAt> late;
  // Counts left out: their unit is not a count unit.
  std::vector<std::string> unusable_units;
};

IcahtAssessment AssessIcaht(const std::vector<NeutrophilCount>& counts,
                            grading::IcahtCounting counting,
                            const grading::LateIcahtBands& late_bands = {});

// The evidence of an ICAHT finding (findings.evidence). Keys are frozen
// like proto field numbers and written in this order: infusion {product,
// at}, window ("early" or "late"), counting, through_day, days [{day,
// anc_per_ul}], severe_days, profound_days, never_recovered, rule,
// assumption, verification, unusable_units.
struct IcahtFindingEvidence {
  TherapyRef infusion;
  bool early = true;
  grading::IcahtCounting counting = grading::IcahtCounting::kCumulative;
  IcahtAt graded;
  std::vector<std::string> unusable_units;
};

Json ToJson(const IcahtFindingEvidence& e);

// The finding's one-line summary: "Early ICAHT grade 3: ANC <= 500/uL for
// 14 days (cumulative days), day 14 after the infusion".
std::string IcahtWhat(bool early, const IcahtAt& graded);

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_ICAHT_ASSEMBLY_H_
