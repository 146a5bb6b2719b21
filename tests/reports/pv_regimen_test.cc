// The therapy in force at a moment for the pharmacovigilance export
// (reports/pv_data.h RegimenAt, RegimenClass): combinations, calendar days in
// the export's time zone.
#include <gtest/gtest.h>

#include "common/time_format.h"
#include "reports/pv_data.h"

namespace iraed::reports {
namespace {

UnixMillis Utc(const char* text) { return *ParseUtcMillis(text); }

PvDose Dose(const char* kind, const char* target, const char* ingredient,
            const char* at, std::optional<double> amount = std::nullopt) {
  PvDose d;
  d.kind = kind;
  d.target = target;
  d.ingredient = ingredient;
  d.product = ingredient;
  d.at = Utc(at);
  d.dose = amount;
  d.dose_unit = amount ? "mg" : "";
  return d;
}

TEST(PvRegimenTest, ACombinationOfOneDayIsOneRegimen) {
  const std::vector<PvDose> doses = {
      Dose("checkpoint_inhibitor_dose", "PD-1", "nivolumab",
           "2026-08-03T09:00:00Z", 240),
      Dose("checkpoint_inhibitor_dose", "CTLA-4", "ipilimumab",
           "2026-08-03T10:30:00Z", 70),
      Dose("checkpoint_inhibitor_dose", "PD-1", "nivolumab",
           "2026-08-24T09:00:00Z", 240),
  };
  const TimeZone utc = TimeZone::Utc();
  auto combo = RegimenAt(doses, Utc("2026-08-10T12:00:00Z"), utc);
  ASSERT_TRUE(combo.has_value());
  ASSERT_EQ(combo->doses.size(), 2u);
  EXPECT_EQ(RegimenClass(combo->doses), "checkpoint inhibitor (CTLA-4 + PD-1)");
  EXPECT_EQ(combo->first_dose_at, Utc("2026-08-03T09:00:00Z"));
  EXPECT_EQ(combo->latest_dose_at, Utc("2026-08-03T10:30:00Z"));
  EXPECT_EQ(combo->day_of_therapy, 8);
  EXPECT_EQ(combo->days_since_latest, 7);
  // Nivolumab alone three weeks later: its own regimen, still counted from
  // its first dose.
  auto mono = RegimenAt(doses, Utc("2026-08-25T12:00:00Z"), utc);
  ASSERT_EQ(mono->doses.size(), 1u);
  EXPECT_EQ(RegimenClass(mono->doses), "checkpoint inhibitor (PD-1)");
  EXPECT_EQ(mono->first_dose_at, Utc("2026-08-03T09:00:00Z"));
  EXPECT_EQ(mono->day_of_therapy, 23);
  EXPECT_EQ(mono->days_since_latest, 1);
  // Before any dose: none.
  EXPECT_FALSE(RegimenAt(doses, Utc("2026-08-03T08:59:59Z"), utc));
  // At the dose instant itself: that dose, day 1, 0 days since.
  auto at = RegimenAt(doses, Utc("2026-08-03T09:00:00Z"), utc);
  ASSERT_EQ(at->doses.size(), 1u);
  EXPECT_EQ(at->day_of_therapy, 1);
  EXPECT_EQ(at->days_since_latest, 0);
}

TEST(PvRegimenTest, TheLabelDoesNotDependOnTheOrderOfInfusion) {
  const std::vector<PvDose> ipi_first = {
      Dose("checkpoint_inhibitor_dose", "CTLA-4", "ipilimumab",
           "2026-08-03T09:00:00Z"),
      Dose("checkpoint_inhibitor_dose", "PD-1", "nivolumab",
           "2026-08-03T10:30:00Z"),
  };
  auto r = RegimenAt(ipi_first, Utc("2026-08-04T00:00:00Z"), TimeZone::Utc());
  EXPECT_EQ(RegimenClass(r->doses), "checkpoint inhibitor (CTLA-4 + PD-1)");
  const std::vector<PvDose> nivo_first = {ipi_first[1], ipi_first[0]};
  std::vector<PvDose> reordered = nivo_first;
  reordered[0].at = Utc("2026-08-03T09:00:00Z");
  reordered[1].at = Utc("2026-08-03T10:30:00Z");
  auto s = RegimenAt(reordered, Utc("2026-08-04T00:00:00Z"), TimeZone::Utc());
  EXPECT_EQ(RegimenClass(s->doses), RegimenClass(r->doses));
}

TEST(PvRegimenTest, DaysAreTheExportZonesCalendarDays) {
  // 22:30 UTC on 2 August is already 3 August in Berlin.
  const std::vector<PvDose> doses = {
      Dose("car_t_infusion", "", "tisagenlecleucel", "2026-08-02T22:30:00Z")};
  auto berlin = TimeZone::Named("Europe/Berlin");
  ASSERT_TRUE(berlin.ok());
  const UnixMillis next_morning = Utc("2026-08-03T06:00:00Z");
  EXPECT_EQ(RegimenAt(doses, next_morning, *berlin)->day_of_therapy, 1);
  EXPECT_EQ(RegimenAt(doses, next_morning, TimeZone::Utc())->day_of_therapy, 2);
  EXPECT_EQ(RegimenClass(RegimenAt(doses, next_morning, *berlin)->doses),
            "CAR-T cell therapy");
}

TEST(PvRegimenTest, ClassesOfDifferentKindsAreJoined) {
  const std::vector<PvDose> doses = {
      Dose("bispecific_t_cell_engager", "", "blinatumomab",
           "2026-08-03T09:00:00Z"),
      Dose("checkpoint_inhibitor_dose", "", "some-ici", "2026-08-03T10:00:00Z"),
  };
  auto r = RegimenAt(doses, Utc("2026-08-04T00:00:00Z"), TimeZone::Utc());
  EXPECT_EQ(RegimenClass(r->doses),
            "checkpoint inhibitor + bispecific T-cell engager");
}

}  // namespace
}  // namespace iraed::reports
