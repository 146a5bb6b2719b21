// File: surveillance/message_work.h
//
// One message's grading work as a value. The store makes one for each
// message it files, passes it to every grading step while the message's
// rows are written (surveillance/grading_step.h), then rolls the findings
// it collected into alerts. It is dropped with the message: nothing of one
// message outlives it, so a rolled-back message leaves nothing to reset.
#ifndef IRAED_SURVEILLANCE_MESSAGE_WORK_H_
#define IRAED_SURVEILLANCE_MESSAGE_WORK_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "alerts/syndrome_roll_up.h"
#include "common/clock.h"
#include "common/status.h"
#include "grading/syndromes.h"
#include "surveillance/charted_value.h"

namespace iraed::surveillance {

// A moment to grade CRS or ICANS at, with the observation that brought it.
struct GradingMoment {
  UnixMillis at = 0;
  std::optional<std::int64_t> observation_row;
  // A cancelled or entered-in-error result brought it: when nothing is
  // gradable any more at this moment, the grade falls back to the one in
  // force just before it.
  bool withdrawal = false;
  // A stored moment graded again because of a late input.
  bool revisit = false;
  // Graded again because an effector therapy was entered in error.
  bool therapy_withdrawn = false;
};

// What the ASTCT step noted while the message's rows were written.
struct AstctNotes {
  std::vector<GradingMoment> crs_moments;
  std::vector<GradingMoment> icans_moments;
  // The latest time this message's inputs bear on, per syndrome.
  std::optional<UnixMillis> crs_reach;
  std::optional<UnixMillis> icans_reach;
  // The earliest and latest effector therapy times this message stored
  // (with those of the records a withdrawal withdraws).
  std::optional<UnixMillis> therapy_from;
  std::optional<UnixMillis> therapy_to;
  bool therapy_withdrawn = false;
};

struct MessageWork {
  std::int64_t message_row = 0;
  // The patient the rows being written concern (the last one, for a batch
  // of administrations).
  std::int64_t patient_row = 0;
  UnixMillis recorded_at = 0;
  // The findings written for this message, in order (alerts/
  // syndrome_roll_up.h rolls them into alerts).
  std::vector<alerts::MessageFinding> findings;
  // Syndromes told through another alert for this message (the fever of a
  // patient graded for CRS).
  std::vector<grading::Syndrome> muted;
  AstctNotes astct;
  // The lab step: the patient's first monitored therapy, read once per
  // message (outer optional: not read yet).
  std::optional<std::optional<TherapyRef>> first_therapy;
  // The CAR-HEMATOTOX step: an input of the score was stored.
  bool hematotox_due = false;
  // A staff command the alert's or the feed's state does not allow
  // (kNotFound, kFailedPrecondition): the message is filed as rejected
  // with this reason.
  std::optional<Status> refusal;
};

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_MESSAGE_WORK_H_
