#include "surveillance/icaht_assembly.h"

#include <algorithm>
#include <cmath>

#include "common/time_format.h"
#include "grading/units.h"

namespace iraed::surveillance {
namespace {

// A count in cells/uL (10*6/L), exactly by its power of ten; nullopt when
// the unit is not a count unit.
std::optional<double> CellsPerUl(double value, const std::string& unit_text) {
  const std::optional<grading::Unit> unit = grading::ParseUnit(unit_text);
  if (!unit) return std::nullopt;
  const std::optional<int> exponent = grading::CountExponentPerLitre(*unit);
  if (!exponent) return std::nullopt;
  const int shift = *exponent - 6;
  const double scale = std::pow(10.0, std::abs(shift));
  return shift >= 0 ? value * scale : value / scale;
}

}  // namespace

IcahtAssessment AssessIcaht(const std::vector<NeutrophilCount>& counts,
                            grading::IcahtCounting counting,
                            const grading::LateIcahtBands& late_bands) {
  IcahtAssessment out;
  std::vector<grading::AncDay> early_days, late_days;
  std::optional<UnixMillis> latest_early_at, first_after_early_at,
      latest_late_at;
  int latest_early_day = -1;
  // The nearest counts outside the early window: neighbours of its edges.
  std::optional<grading::AncDay> before_infusion, after_early;
  for (const NeutrophilCount& c : counts) {
    if (c.day > grading::kLateIcahtLastDay) continue;
    const std::optional<double> anc = CellsPerUl(c.value, c.unit);
    if (c.day < 0) {
      if (anc && (!before_infusion || c.day >= before_infusion->day)) {
        before_infusion = grading::AncDay{c.day, *anc};
      }
      continue;
    }
    if (!anc) {
      if (std::find(out.unusable_units.begin(), out.unusable_units.end(),
                    c.unit) == out.unusable_units.end()) {
        out.unusable_units.push_back(c.unit);
      }
      continue;
    }
    if (c.day <= grading::kEarlyIcahtLastDay) {
      early_days.push_back({c.day, *anc});
      if (!latest_early_at || c.observed_at > *latest_early_at) {
        latest_early_at = c.observed_at;
      }
      latest_early_day = std::max(latest_early_day, c.day);
      continue;
    }
    late_days.push_back({c.day, *anc});
    if (!after_early || c.day < after_early->day) {
      after_early = grading::AncDay{c.day, *anc};
    }
    if (!first_after_early_at || c.observed_at < *first_after_early_at) {
      first_after_early_at = c.observed_at;
    }
    if (!latest_late_at || c.observed_at > *latest_late_at) {
      latest_late_at = c.observed_at;
    }
  }
  auto by_day = [](std::vector<grading::AncDay>& days) {
    std::sort(days.begin(), days.end(),
              [](const grading::AncDay& a, const grading::AncDay& b) {
                return a.day != b.day ? a.day < b.day
                                      : a.anc_per_ul < b.anc_per_ul;
              });
    // The lowest count of each day.
    days.erase(
        std::unique(days.begin(), days.end(),
                    [](const grading::AncDay& a, const grading::AncDay& b) {
                      return a.day == b.day;
                    }),
        days.end());
  };
  if (latest_early_at) {
    IcahtAt e;
    e.through_day =
        first_after_early_at ? grading::kEarlyIcahtLastDay : latest_early_day;
    e.at = first_after_early_at ? *first_after_early_at : *latest_early_at;
    by_day(early_days);
    std::vector<grading::AncDay> with_neighbours = early_days;
    if (before_infusion) with_neighbours.push_back(*before_infusion);
    if (after_early) with_neighbours.push_back(*after_early);
    e.grade =
        grading::GradeEarlyIcaht(with_neighbours, e.through_day, counting);
    e.days = std::move(early_days);
    out.early = std::move(e);
  }
  if (latest_late_at) {
    IcahtAt l;
    by_day(late_days);
    l.grade = *grading::GradeLateIcaht(late_days, late_bands);
    l.at = *latest_late_at;
    l.through_day = late_days.back().day;
    l.days = std::move(late_days);
    out.late = std::move(l);
  }
  return out;
}

Json ToJson(const IcahtFindingEvidence& e) {
  Json days = Json::array();
  for (const grading::AncDay& d : e.graded.days) {
    days.push_back({{"day", d.day}, {"anc_per_ul", JsonNumber(d.anc_per_ul)}});
  }
  const grading::IcahtGrade& g = e.graded.grade;
  return {{"infusion",
           {{"product", e.infusion.product},
            {"at", FormatUtcMillis(e.infusion.at)}}},
          {"window", e.early ? "early" : "late"},
          {"counting", grading::IcahtCountingName(e.counting)},
          {"through_day", e.graded.through_day},
          {"days", std::move(days)},
          {"severe_days", g.severe_days},
          {"profound_days", g.profound_days},
          {"never_recovered", g.never_recovered},
          {"rule", g.rule},
          {"assumption", g.assumption},
          {"verification", grading::kIcahtVerification},
          {"unusable_units", e.unusable_units}};
}

std::string IcahtWhat(bool early, const IcahtAt& graded) {
  return std::string(early ? grading::kEarlyIcahtTerm
                           : grading::kLateIcahtTerm) +
         " grade " + std::to_string(graded.grade.grade) + ": " +
         graded.grade.rule + ", day " + std::to_string(graded.through_day) +
         " after the infusion";
}

}  // namespace iraed::surveillance
