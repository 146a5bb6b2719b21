// File: grading/icaht.h
//
// Immune effector cell-associated hematotoxicity (ICAHT) after CAR-T:
// neutropenia graded by the EHA/EBMT consensus (Rejeski et al., Blood
// 2023;142:865-877) as the clinical reference reads it
// (../shared/reference/clinical-grading.md section 4 and its 2026-12
// addendum). PARTIALLY VERIFIED: the early bands come from ICAHT-CODE
// (emilyliangmd/automatedicahtgrading), not the paper's own table; the late
// table is PARTIAL. Grading system kIcahtSystem. Pure: the daily counts
// and the day graded are passed in. Wired by store/icaht_grading_step.h.
//
// Early ICAHT (day 0 = the infusion, through day 30):
//   - a day is "severe" with ANC <= 500/uL and "profound" with ANC <= 100/uL
//     (<=, not <);
//   - a day without a count takes the side of its nearest measured days only
//     when the one before and the one after are on the same side of the
//     threshold; otherwise it does not count and the grade is provisional;
//   - a recovery (ANC above the threshold) of fewer than 3 consecutive days
//     between neutropenic days is not stable: its days count as neutropenic;
//   - days are counted cumulatively (default) or as the longest episode
//     (episodes joined across gaps of <= 2 days; its length is the span
//     from its first to its last day): IcahtCounting, a versioned rule
//     parameter recorded in the evidence;
//   - grade 1: severe 1-6 days; 2: severe 7-13; 3: severe >= 14 or profound
//     7-13; 4: profound >= 14, or a severe episode that starts on day 0-3
//     and never recovers by day 30;
//   - before day 30 the grade is a running minimum: provisional.
// Choices this reading makes where the reference is silent (to confirm
// against ICAHT-CODE): unstable recoveries are filled for the profound
// threshold as for the severe one; a day that cannot be read inside an
// unstable recovery stays uncounted; a longest episode is measured from
// its first to its last day, gap days included.
// Late ICAHT (day 31-100): the nadir of the counts in the window, <= 1500
// -> 1, <= 1000 -> 2, <= 500 -> 3, <= 100 -> 4; a single count is
// provisional.
#ifndef IRAED_GRADING_ICAHT_H_
#define IRAED_GRADING_ICAHT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iraed::grading {

inline constexpr const char* kIcahtSystem = "EHA/EBMT ICAHT 2023";
// The findings' terms (findings.term; no MedDRA code is verified for them).
inline constexpr std::string_view kEarlyIcahtTerm = "Early ICAHT";
inline constexpr std::string_view kLateIcahtTerm = "Late ICAHT";
// The last day of early ICAHT, and of late ICAHT (day 0 = the infusion).
inline constexpr int kEarlyIcahtLastDay = 30;
inline constexpr int kLateIcahtLastDay = 100;
// What every ICAHT finding's evidence says about its source.
inline constexpr std::string_view kIcahtVerification =
    "partially verified: early ICAHT bands as implemented in ICAHT-CODE, not "
    "the paper's own table; late ICAHT nadir table PARTIAL";

enum class IcahtCounting { kCumulative, kLongestEpisode };

// "cumulative", "longest_episode"; and back.
std::string_view IcahtCountingName(IcahtCounting c);
std::optional<IcahtCounting> IcahtCountingFromName(std::string_view name);

// The rule version of an ICAHT finding: the table's version with its
// counting method ("icaht-2023-cumulative/iraed-1").
std::string IcahtRuleVersion(IcahtCounting c);

// The lowest absolute neutrophil count (cells/uL) charted on a day, the
// day counted from the infusion (day 0).
struct AncDay {
  int day = 0;
  double anc_per_ul = 0;
};

struct IcahtGrade {
  int grade = 0;  // 0 (none) to 4
  bool provisional = false;
  int severe_days = 0;    // counted days with ANC <= 500/uL
  int profound_days = 0;  // counted days with ANC <= 100/uL
  bool never_recovered = false;
  std::string rule;        // the band that decided
  std::string assumption;  // why provisional; "" otherwise
};

// Early ICAHT from the counts of days 0..through_day (at most 30). Days
// before 0 and after through_day are not counted, but a day without a
// count reads its nearest measured neighbours among them too (a count of
// day 32 tells, with one of day 28, how days 29 and 30 were). Days may
// come in any order; a day given twice counts with its lowest value.
IcahtGrade GradeEarlyIcaht(const std::vector<AncDay>& days, int through_day,
                           IcahtCounting counting);

// The late ICAHT nadir table (/uL, grade 4 first): PARTIAL (reference
// section 4 addendum), shipped with the reference's values, a site setting
// (`late_icaht { }`) from iraed-rules-4; a table other than these is
// named in the finding's rule text.
struct LateIcahtBands {
  double grade4_at_or_below = 100;
  double grade3_at_or_below = 500;
  double grade2_at_or_below = 1000;
  double grade1_at_or_below = 1500;
  bool operator==(const LateIcahtBands&) const = default;
};

// Late ICAHT from the counts of days 31-100; nullopt when there is none.
std::optional<IcahtGrade> GradeLateIcaht(const std::vector<AncDay>& days,
                                         const LateIcahtBands& bands = {});

}  // namespace iraed::grading

#endif  // IRAED_GRADING_ICAHT_H_
