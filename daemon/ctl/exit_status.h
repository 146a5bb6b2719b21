// File: ctl/exit_status.h
//
// iraectl's exit statuses, documented in --help and README ("iraectl"):
// scripts and the notifier rely on them, so they never change meaning.
#ifndef IRAED_CTL_EXIT_STATUS_H_
#define IRAED_CTL_EXIT_STATUS_H_

#include "iraed/v1/ingest.pb.h"

namespace iraed::ctl {

enum ExitStatus : int {
  kExitOk = 0,
  // Anything else that went wrong (a file that cannot be written, a backup
  // that fails its check, the daemon unavailable for a write).
  kExitFailed = 1,
  // A bad command line, or a configuration, key or token file that cannot
  // be read or is invalid.
  kExitUsage = 2,
  // The answer is "no": replay differs, audit verify finds the trail
  // altered, or the daemon refused the command.
  kExitDiffers = 3,
  // What the command names does not exist (an alert, a token).
  kExitNotFound = 4,
  // The daemon or the database cannot be reached or used.
  kExitUnreachable = 5,
};

// The exit status for a daemon's REJECTED answer: kExitNotFound when it
// names something that does not exist, else kExitDiffers (refused).
ExitStatus ExitStatusForRefusal(iraed::v1::Refusal refusal);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_EXIT_STATUS_H_
