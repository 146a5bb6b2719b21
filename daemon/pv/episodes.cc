#include "pv/episodes.h"

#include <algorithm>

namespace iraed::pv {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

// Walks one series. (Plain members with flags rather than std::optional:
// GCC 12 at -O3 reports std::optional<Episode> as maybe uninitialized.)
class EpisodeWalk {
 public:
  EpisodeWalk(const SeriesContext& context, const EpisodeRules& rules,
              int baseline)
      : context_(context),
        window_ms_(static_cast<std::int64_t>(rules.end_after_days) * kDayMs),
        baseline_(baseline) {}

  void Add(const GradePoint& p) {
    if (open_ && back_ && p.at - back_since_ >= window_ms_) {
      Close(back_since_, Outcome::kRecovered);
    }
    if (!open_) {
      if (p.grade < 1 || p.grade <= baseline_) return;
      open_ = true;
      episode_ = Episode{};
      episode_.baseline_grade = baseline_;
      episode_.onset = p.at;
      episode_.onset_grade = p.grade;
      episode_.worst_grade = p.grade;
      episode_.worst_at = p.at;
    }
    episode_.finding_ids.push_back(p.finding_id);
    episode_.provisional = episode_.provisional || p.provisional;
    episode_.last_grade = p.grade;
    if (p.grade > baseline_) {
      back_ = false;
      if (p.grade > episode_.worst_grade) {
        episode_.worst_grade = p.grade;
        episode_.worst_at = p.at;
      }
    } else if (!back_) {
      back_ = true;
      back_since_ = p.at;
    }
  }

  // The open episode as it stands at `as_of`, or when observation stopped
  // before it (the death, the monitoring end).
  std::vector<Episode> Finish() {
    if (open_) {
      // Observation stops at the earlier of the death and the monitoring
      // end (within as_of): a death long after monitoring ended does not
      // make the episode fatal.
      const bool dead = context_.death && *context_.death <= context_.as_of;
      const bool ended =
          context_.monitoring_end && *context_.monitoring_end <= context_.as_of;
      const bool died =
          dead && (!ended || *context_.death < *context_.monitoring_end);
      const bool unmonitored = ended && !died;
      const bool stopped = died || unmonitored;
      if (back_ && (stopped || context_.as_of - back_since_ >= window_ms_)) {
        Close(back_since_, Outcome::kRecovered);
      } else if (died) {
        Close(*context_.death, Outcome::kFatal);
      } else if (unmonitored) {
        Close(*context_.monitoring_end, Outcome::kUnknown);
      } else {
        episode_.outcome = back_ || episode_.last_grade < episode_.worst_grade
                               ? Outcome::kRecovering
                               : Outcome::kOngoing;
        done_.push_back(std::move(episode_));
        open_ = false;
      }
    }
    return std::move(done_);
  }

 private:
  void Close(UnixMillis end, Outcome outcome) {
    episode_.end = end;
    episode_.outcome = outcome;
    done_.push_back(std::move(episode_));
    open_ = false;
    back_ = false;
  }

  const SeriesContext& context_;
  const std::int64_t window_ms_;
  const int baseline_;
  bool open_ = false;
  Episode episode_;            // the episode being built, while open_
  bool back_ = false;          // the grade is at or below baseline ...
  UnixMillis back_since_ = 0;  // ... since then
  std::vector<Episode> done_;
};

}  // namespace

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kRecovered:
      return "recovered";
    case Outcome::kRecovering:
      return "recovering";
    case Outcome::kOngoing:
      return "ongoing";
    case Outcome::kFatal:
      return "fatal";
    case Outcome::kUnknown:
      return "unknown";
  }
  return "ongoing";
}

std::vector<Episode> DeriveEpisodes(const std::vector<GradePoint>& points,
                                    const SeriesContext& context,
                                    const EpisodeRules& rules) {
  int baseline = 0;  // the last finding at or before the start holds
  for (const GradePoint& p : points) {
    if (p.at > context.therapy_start) break;
    baseline = p.grade;
  }
  EpisodeWalk walk(context, rules, std::max(baseline, 0));
  for (std::size_t i = 0; i < points.size(); ++i) {
    const GradePoint& p = points[i];
    // Only the last finding of an instant holds (sorted by at, then id).
    if (i + 1 < points.size() && points[i + 1].at == p.at) continue;
    if (p.at <= context.therapy_start) continue;
    if (p.at > context.as_of) break;
    if (context.death && p.at > *context.death) break;
    if (context.monitoring_end && p.at > *context.monitoring_end) break;
    walk.Add(p);
  }
  return walk.Finish();
}

}  // namespace iraed::pv
