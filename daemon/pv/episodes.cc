#include "pv/episodes.h"

#include <algorithm>

namespace iraed::pv {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

// Walks one series; `open` is the episode being built.
class EpisodeWalk {
 public:
  EpisodeWalk(const SeriesContext& context, const EpisodeRules& rules,
              int baseline)
      : context_(context),
        window_ms_(static_cast<std::int64_t>(rules.end_after_days) * kDayMs),
        baseline_(baseline) {}

  void Add(const GradePoint& p) {
    if (open_ && back_since_ && p.at - *back_since_ >= window_ms_) {
      Close(*back_since_, Outcome::kRecovered);
    }
    if (!open_) {
      if (p.grade < 1 || p.grade <= baseline_) return;
      open_.emplace();
      open_->baseline_grade = baseline_;
      open_->onset = p.at;
      open_->onset_grade = p.grade;
      open_->worst_grade = p.grade;
      open_->worst_at = p.at;
    }
    open_->finding_ids.push_back(p.finding_id);
    open_->provisional = open_->provisional || p.provisional;
    open_->last_grade = p.grade;
    if (p.grade > baseline_) {
      back_since_.reset();
      if (p.grade > open_->worst_grade) {
        open_->worst_grade = p.grade;
        open_->worst_at = p.at;
      }
    } else if (!back_since_) {
      back_since_ = p.at;
    }
  }

  // The open episode as it stands at `as_of` (the death, when earlier).
  std::vector<Episode> Finish() {
    if (open_) {
      const bool died = context_.death && *context_.death <= context_.as_of;
      const UnixMillis until = died ? *context_.death : context_.as_of;
      if (back_since_ && (died || until - *back_since_ >= window_ms_)) {
        Close(*back_since_, Outcome::kRecovered);
      } else if (died) {
        Close(*context_.death, Outcome::kFatal);
      } else {
        open_->outcome = back_since_ || open_->last_grade < open_->worst_grade
                             ? Outcome::kRecovering
                             : Outcome::kOngoing;
        done_.push_back(std::move(*open_));
        open_.reset();
      }
    }
    return std::move(done_);
  }

 private:
  void Close(UnixMillis end, Outcome outcome) {
    open_->end = end;
    open_->outcome = outcome;
    done_.push_back(std::move(*open_));
    open_.reset();
    back_since_.reset();
  }

  const SeriesContext& context_;
  const std::int64_t window_ms_;
  const int baseline_;
  std::optional<Episode> open_;
  std::optional<UnixMillis> back_since_;  // when the grade went to baseline
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
  }
  return "ongoing";
}

std::vector<Episode> DeriveEpisodes(const std::vector<GradePoint>& points,
                                    const SeriesContext& context,
                                    const EpisodeRules& rules) {
  int baseline = 0;
  for (const GradePoint& p : points) {
    if (p.at > context.therapy_start) break;
    baseline = p.grade;
  }
  EpisodeWalk walk(context, rules, std::max(baseline, 0));
  for (const GradePoint& p : points) {
    if (p.at <= context.therapy_start) continue;
    if (p.at > context.as_of) break;
    if (context.death && p.at > *context.death) break;
    walk.Add(p);
  }
  return walk.Finish();
}

}  // namespace iraed::pv
