// File: ctl/replay.h
//
// `iraectl replay`: re-grades stored messages through the daemon's own path
// (the same decoders, MessageStore and grading steps) into a scratch
// database, in the original order and with each message's original receipt
// time as the clock, and compares what that produces with what is stored:
// findings, alerts and alert suppressions. Deterministic: replaying a
// database with the rule set and settings that produced it reproduces every
// row exactly; a new rule set or new settings show their impact.
//
// Only the messages received before `to` are replayed (all of them, so each
// patient's context is complete); rows caused by messages received in
// [from, to) are compared. Staff actions are pointed at the replay's alert
// of the same message and syndrome (ids differ when other alerts are
// raised); one whose alert the replay does not raise is a difference.
// Escalations depend on the wall clock and are not replayed. One set of
// settings grades the whole history: when a site changed its settings (see
// the config_loaded entries of the audit trail), rows from before the
// change may differ with nothing wrong.
#ifndef IRAED_CTL_REPLAY_H_
#define IRAED_CTL_REPLAY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "hl7/hl7_reader.h"
#include "store/message_store.h"

namespace iraed::ctl {

struct ReplayOptions {
  std::string source_db;   // the database to replay (opened read-only)
  std::string scratch_db;  // where to re-grade; must not exist
  UnixMillis from = 0;
  UnixMillis to = 0;
  // The settings to grade with (as the daemon's config).
  grading::GradingOptions grading;
  alerts::AlertPolicy alerting = alerts::AlertPolicy::Defaults();
  hl7::Hl7Options hl7;
};

struct ReplayTableResult {
  std::string table;  // alert_actions | findings | alerts | alert_suppressions
  std::int64_t stored = 0;
  std::int64_t replayed = 0;
  std::int64_t identical = 0;
  // "message 17: stored only: ..." / "replay only: ...", for a person.
  std::vector<std::string> differences;
};

struct ReplayReport {
  std::int64_t messages_replayed = 0;  // all before `to`
  std::int64_t messages_compared = 0;  // received in [from, to)
  std::vector<ReplayTableResult> tables;
  bool Identical() const;
};

Result<ReplayReport> Replay(const ReplayOptions& options);

std::string RenderReplayReport(const ReplayReport& r,
                               const std::string& rule_set);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_REPLAY_H_
