// File: ctl/replay_episodes.h
//
// Replay's comparison of adverse-event episodes (reports/pv_data.h): episodes
// are derived from findings, so a replay that reproduces the findings
// reproduces them; this shows it, and shows how new rules change them.
#ifndef IRAED_CTL_REPLAY_EPISODES_H_
#define IRAED_CTL_REPLAY_EPISODES_H_

#include <cstdint>
#include <map>

#include "common/clock.h"
#include "common/status.h"
#include "ctl/replay.h"
#include "store/sqlite_db.h"

namespace iraed::ctl {

// The episodes, as of `as_of` with the export's default rules, whose
// opening finding came from stored messages [first, last], in the stored
// and the replayed database (`to_original` maps the replay's message ids to
// the stored ones). Table "episodes".
Result<ReplayTableResult> CompareEpisodes(
    store::Database& stored, store::Database& replayed, std::int64_t first,
    std::int64_t last, const std::map<std::int64_t, std::int64_t>& to_original,
    UnixMillis as_of);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_REPLAY_EPISODES_H_
