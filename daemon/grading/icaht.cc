#include "grading/icaht.h"

#include <algorithm>
#include <map>

#include "grading/exact.h"
#include "grading/format.h"

namespace iraed::grading {
namespace {

// Early ICAHT thresholds (reference section 4: <=, not <).
constexpr double kSevereAnc = 500;
constexpr double kProfoundAnc = 100;
constexpr int kLastEarlyDay = 30;
// A recovery shorter than this many consecutive days is not stable.
constexpr int kStableRecoveryDays = 3;
// Longest-episode counting joins episodes across gaps of up to this.
constexpr int kJoinedGapDays = 2;
// A severe episode starting by this day that never recovers is grade 4.
constexpr int kEarlyOnsetLastDay = 3;
// Late ICAHT window (reference section 4, PARTIAL; the nadir bands are
// LateIcahtBands in icaht.h).
constexpr int kFirstLateDay = 31;
constexpr int kLastLateDay = 100;

enum class Side { kBelow, kAbove, kUnknown };

// Each day 0..through_day below (<= threshold), above, or unknown.
std::vector<Side> Sides(const std::map<int, double>& lowest, int through_day,
                        double threshold) {
  std::vector<Side> sides(static_cast<std::size_t>(through_day + 1),
                          Side::kUnknown);
  auto side_of = [threshold](double anc) {
    return Le(anc, threshold) ? Side::kBelow : Side::kAbove;
  };
  for (int d = 0; d <= through_day; ++d) {
    auto at = lowest.find(d);
    if (at != lowest.end()) {
      sides[static_cast<std::size_t>(d)] = side_of(at->second);
      continue;
    }
    // A missing day: the side of both nearest measured days, if they agree.
    auto after = lowest.upper_bound(d);
    if (after == lowest.begin() || after == lowest.end()) continue;
    auto before = std::prev(after);
    const Side b = side_of(before->second);
    if (b == side_of(after->second)) sides[static_cast<std::size_t>(d)] = b;
  }
  return sides;
}

// Days above the threshold in a recovery shorter than kStableRecoveryDays
// between neutropenic days count as neutropenic.
void FillUnstableRecoveries(std::vector<Side>& sides) {
  int last_below = -1;
  for (int d = 0; d < static_cast<int>(sides.size()); ++d) {
    if (sides[static_cast<std::size_t>(d)] != Side::kBelow) continue;
    if (last_below >= 0 && d - last_below > 1) {
      int longest_above = 0, run = 0;
      for (int g = last_below + 1; g < d; ++g) {
        run = sides[static_cast<std::size_t>(g)] == Side::kAbove ? run + 1 : 0;
        longest_above = std::max(longest_above, run);
      }
      if (longest_above < kStableRecoveryDays) {
        for (int g = last_below + 1; g < d; ++g) {
          if (sides[static_cast<std::size_t>(g)] == Side::kAbove) {
            sides[static_cast<std::size_t>(g)] = Side::kBelow;
          }
        }
      }
    }
    last_below = d;
  }
}

int CountCumulative(const std::vector<Side>& sides) {
  return static_cast<int>(std::count(sides.begin(), sides.end(), Side::kBelow));
}

// The longest episode: below days joined across gaps of <= kJoinedGapDays,
// measured from its first to its last day.
int CountLongestEpisode(const std::vector<Side>& sides) {
  int longest = 0, first = -1, last = -1;
  for (int d = 0; d < static_cast<int>(sides.size()); ++d) {
    if (sides[static_cast<std::size_t>(d)] != Side::kBelow) continue;
    if (first < 0 || d - last - 1 > kJoinedGapDays) first = d;
    last = d;
    longest = std::max(longest, last - first + 1);
  }
  return longest;
}

struct Counted {
  int days = 0;
  int first_below = -1;
  bool unknown = false;
  bool below_from_first_to_end = false;
};

Counted Count(const std::map<int, double>& lowest, int through_day,
              double threshold, IcahtCounting counting) {
  std::vector<Side> sides = Sides(lowest, through_day, threshold);
  FillUnstableRecoveries(sides);
  Counted c;
  c.days = counting == IcahtCounting::kCumulative ? CountCumulative(sides)
                                                  : CountLongestEpisode(sides);
  c.unknown =
      std::find(sides.begin(), sides.end(), Side::kUnknown) != sides.end();
  auto first = std::find(sides.begin(), sides.end(), Side::kBelow);
  if (first != sides.end()) {
    c.first_below = static_cast<int>(first - sides.begin());
    c.below_from_first_to_end = std::all_of(
        first, sides.end(), [](Side s) { return s == Side::kBelow; });
  }
  return c;
}

}  // namespace

std::string_view IcahtCountingName(IcahtCounting c) {
  return c == IcahtCounting::kCumulative ? "cumulative" : "longest_episode";
}

std::optional<IcahtCounting> IcahtCountingFromName(std::string_view name) {
  for (IcahtCounting c :
       {IcahtCounting::kCumulative, IcahtCounting::kLongestEpisode}) {
    if (name == IcahtCountingName(c)) return c;
  }
  return std::nullopt;
}

std::string IcahtRuleVersion(IcahtCounting c) {
  return "icaht-2023-" + std::string(IcahtCountingName(c)) + "/iraed-1";
}

IcahtGrade GradeEarlyIcaht(const std::vector<AncDay>& days, int through_day,
                           IcahtCounting counting) {
  through_day = std::clamp(through_day, 0, kLastEarlyDay);
  // Every day given: those outside 0..through_day are not counted (Sides
  // reads only 0..through_day) but are the neighbours of a day without a
  // count at the window's edges.
  std::map<int, double> lowest;
  for (const AncDay& d : days) {
    auto [it, inserted] = lowest.emplace(d.day, d.anc_per_ul);
    if (!inserted) it->second = std::min(it->second, d.anc_per_ul);
  }
  const Counted severe = Count(lowest, through_day, kSevereAnc, counting);
  const Counted profound = Count(lowest, through_day, kProfoundAnc, counting);
  IcahtGrade g;
  g.severe_days = severe.days;
  g.profound_days = profound.days;
  g.never_recovered = through_day == kLastEarlyDay && severe.first_below >= 0 &&
                      severe.first_below <= kEarlyOnsetLastDay &&
                      severe.below_from_first_to_end;
  const std::string counted =
      " (" + std::string(IcahtCountingName(counting)) + " days)";
  if (g.profound_days >= 14 || g.never_recovered) {
    g.grade = 4;
    g.rule = g.never_recovered
                 ? "ANC <= 500/uL from day " +
                       std::to_string(severe.first_below) +
                       " never recovered by day 30"
                 : "ANC <= 100/uL for " + std::to_string(g.profound_days) +
                       " days" + counted;
  } else if (g.severe_days >= 14 || g.profound_days >= 7) {
    g.grade = 3;
    g.rule = g.profound_days >= 7
                 ? "ANC <= 100/uL for " + std::to_string(g.profound_days) +
                       " days" + counted
                 : "ANC <= 500/uL for " + std::to_string(g.severe_days) +
                       " days" + counted;
  } else if (g.severe_days >= 7) {
    g.grade = 2;
    g.rule = "ANC <= 500/uL for " + std::to_string(g.severe_days) + " days" +
             counted;
  } else if (g.severe_days >= 1) {
    g.grade = 1;
    g.rule = "ANC <= 500/uL for " + std::to_string(g.severe_days) + " days" +
             counted;
  } else {
    g.rule = "no day with ANC <= 500/uL";
  }
  if (through_day < kLastEarlyDay) {
    g.provisional = true;
    g.assumption = "day " + std::to_string(through_day) +
                   " of 30: a running minimum while the window is open";
  }
  if (severe.unknown || profound.unknown) {
    g.provisional = true;
    g.assumption += std::string(g.assumption.empty() ? "" : "; ") +
                    "days without a count that could not be read from their "
                    "neighbours were not counted";
  }
  return g;
}

std::optional<IcahtGrade> GradeLateIcaht(const std::vector<AncDay>& days,
                                         const LateIcahtBands& bands) {
  std::optional<double> nadir;
  int counts = 0;
  for (const AncDay& d : days) {
    if (d.day < kFirstLateDay || d.day > kLastLateDay) continue;
    ++counts;
    nadir = nadir ? std::min(*nadir, d.anc_per_ul) : d.anc_per_ul;
  }
  if (!nadir) return std::nullopt;
  IcahtGrade g;
  const double limits[] = {bands.grade4_at_or_below, bands.grade3_at_or_below,
                           bands.grade2_at_or_below, bands.grade1_at_or_below};
  for (int i = 0; i < 4; ++i) {
    if (Le(*nadir, limits[i])) {
      g.grade = 4 - i;
      break;
    }
  }
  const bool site_table = !(bands == LateIcahtBands{});
  g.rule = "nadir ANC " + FormatNumber(*nadir) + "/uL on days 31-100 (" +
           std::to_string(counts) + " count" + (counts == 1 ? "" : "s") +
           "; late ICAHT table PARTIAL" +
           (site_table ? ", the site's: <= " + FormatNumber(limits[0]) +
                             " 4, <= " + FormatNumber(limits[1]) +
                             " 3, <= " + FormatNumber(limits[2]) +
                             " 2, <= " + FormatNumber(limits[3]) + " 1"
                       : "") +
           ")";
  if (counts < 2) {
    g.provisional = true;
    g.assumption = "a single count: late ICAHT needs two or more";
  }
  return g;
}

}  // namespace iraed::grading
