// File: pv/episodes.h
//
// Adverse-event episodes for pharmacovigilance, derived from the graded
// findings of one patient, one term and one grading system (findings are
// grade changes: 3, 2, 3 is one episode, not three events). Pure and
// deterministic: the same findings, therapy start, death and "as of" time
// give the same episodes, so a replayed database gives the episodes its
// recording gave (README "Pharmacovigilance").
//
// The rules (README "Adverse-event episodes" states them for analysts):
//   - the grade at an instant is the last finding recorded for it (highest
//     id): a withdrawn or corrected result is replaced by the finding that
//     restores or corrects it, as the daemon reads a grade in force;
//   - baseline grade: the grade of the latest finding observed at or before
//     the therapy start (the patient's first monitored dose or infusion);
//     0 when there is none;
//   - onset: the first finding after the therapy start whose grade is at
//     least 1 and above the baseline grade;
//   - worst grade: the highest grade of the episode, reached first at
//     worst_at;
//   - the episode goes back to baseline at the first finding at or below
//     the baseline grade; it ends there (end = that finding's time) once the
//     grade has stayed at or below baseline for `end_after_days` x 24 h: a
//     finding above baseline sooner continues the episode (a relapse within
//     the window), one as late or later starts a new episode;
//   - outcome, as of `as_of`: recovered (ended), recovering (back at
//     baseline but not yet for the whole window, or below its worst grade),
//     ongoing (at its worst grade), fatal (the feed gave the patient's death
//     while the grade was still above baseline: end = the death; causality
//     is not assessed), unknown (the grading system stopped grading the
//     series, `monitoring_end`, while the grade was above baseline: end =
//     that moment);
//   - observation stops at the death or the monitoring end: an episode
//     back at baseline then can no longer relapse and is recovered (end =
//     its return to baseline) even if the window has not passed;
//   - provisional when any finding in it is.
// Findings observed after `as_of`, the death or the monitoring end are not
// read.
#ifndef IRAED_PV_EPISODES_H_
#define IRAED_PV_EPISODES_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/clock.h"

namespace iraed::pv {

// One finding of the series, in (observed_at, id) order.
struct GradePoint {
  std::int64_t finding_id = 0;
  UnixMillis at = 0;
  int grade = 0;
  bool provisional = false;
};

enum class Outcome { kRecovered, kRecovering, kOngoing, kFatal, kUnknown };
// "recovered", "recovering", "ongoing", "fatal", "unknown".
std::string_view OutcomeName(Outcome o);

struct EpisodeRules {
  // Days (of 24 h) a grade must stay at or below baseline for the episode
  // to end. 0: it ends at the first return to baseline.
  int end_after_days = 3;
};

struct Episode {
  int baseline_grade = 0;
  UnixMillis onset = 0;
  int onset_grade = 0;
  int worst_grade = 0;
  UnixMillis worst_at = 0;
  int last_grade = 0;  // the grade in force at the end or at as_of
  std::optional<UnixMillis> end;
  Outcome outcome = Outcome::kOngoing;
  bool provisional = false;
  std::vector<std::int64_t> finding_ids;  // onset first
};

struct SeriesContext {
  UnixMillis therapy_start = 0;
  std::optional<UnixMillis> death;
  UnixMillis as_of = 0;
  // When the grading system stops grading this series (CRS and ICANS after
  // the ASTCT window, early ICAHT after day 30, late after day 100);
  // nullopt: it grades for as long as data come.
  std::optional<UnixMillis> monitoring_end;
};

// REQUIRES: `points` sorted by (at, finding_id).
std::vector<Episode> DeriveEpisodes(const std::vector<GradePoint>& points,
                                    const SeriesContext& context,
                                    const EpisodeRules& rules);

}  // namespace iraed::pv

#endif  // IRAED_PV_EPISODES_H_
