// Google Benchmark micro-benchmarks of the clinical work per observation on
// the store thread, without SQLite: a CTCAE lab grade, and assembling plus
// grading ASTCT CRS from a snapshot of what a patient's record holds (the
// surveillance layer); from issue 14, early ICAHT from 31 days of counts
// and febrile neutropenia from a count and a day's temperatures, and an
// ALT graded by CTCAE 5.0 and 6.0 together.
// tests/bench/run reports them beside the end-to-end figures; compare
// against the 150..400 us of storage per message.
#include <benchmark/benchmark.h>

#include "grading/crs.h"
#include "grading/ctcae6_labs.h"
#include "grading/ctcae_labs.h"
#include "grading/grading_options.h"
#include "surveillance/crs_assembly.h"
#include "surveillance/febrile_neutropenia_assembly.h"
#include "surveillance/icaht_assembly.h"

namespace {

using iraed::UnixMillis;
using iraed::surveillance::ChartedValue;

constexpr UnixMillis kAt = 1'800'000'000'000;
constexpr std::int64_t kHour = iraed::grading::kHourMs;

// An ALT with its ULN and a normal baseline.
iraed::grading::LabInput AltInput() {
  iraed::grading::LabInput in;
  in.analyte = iraed::grading::Analyte::kAlt;
  in.unit = iraed::grading::Unit::kUnitsPerL;
  in.uln = 40;
  in.baseline = 30;
  in.baseline_uln = 40;
  return in;
}

void BM_GradeCtcaeAlt(benchmark::State& state) {
  iraed::grading::LabInput in = AltInput();
  double value = 100;
  for (auto _ : state) {
    in.value = value;
    value = value > 900 ? 100 : value + 7;
    auto g = iraed::grading::GradeCtcaeLab(in);
    benchmark::DoNotOptimize(g);
  }
}
BENCHMARK(BM_GradeCtcaeAlt);

// Issue 14 item 6: the same ALT graded by CTCAE 6.0 too, as the lab step
// does from rule set iraed-rules-4 (both versions per result).
void BM_GradeCtcaeAltV5AndV6(benchmark::State& state) {
  iraed::grading::LabInput in = AltInput();
  double value = 100;
  for (auto _ : state) {
    in.value = value;
    value = value > 900 ? 100 : value + 7;
    auto v5 = iraed::grading::GradeCtcaeLab(in);
    auto v6 = iraed::grading::GradeCtcae6Lab(in);
    benchmark::DoNotOptimize(v5);
    benchmark::DoNotOptimize(v6);
  }
}
BENCHMARK(BM_GradeCtcaeAltV5AndV6);

void BM_AssembleAndGradeCrs(benchmark::State& state) {
  iraed::surveillance::CrsSnapshot s;
  s.at = kAt;
  s.temperature = ChartedValue{38.9, "", kAt - kHour};
  s.systolic = ChartedValue{84, "", kAt - kHour};
  s.oxygen_device = ChartedValue{std::nullopt, "nasal_cannula", kAt - kHour};
  s.oxygen_flow = ChartedValue{4, "", kAt - kHour};
  iraed::surveillance::VasopressorRecord pressor;
  pressor.drug_class = "vasopressor";
  pressor.generic = "norepinephrine";
  pressor.status = "in_progress";
  pressor.started_at = kAt - 2 * kHour;
  s.vasopressors.push_back(pressor);
  const iraed::grading::GradingOptions options;
  for (auto _ : state) {
    auto a = iraed::surveillance::AssembleCrs(s, options);
    auto g = iraed::grading::GradeCrs(a.inputs);
    benchmark::DoNotOptimize(a);
    benchmark::DoNotOptimize(g);
  }
}
BENCHMARK(BM_AssembleAndGradeCrs);

// A CAR-T patient's ICAHT at day 30: 31 daily counts, two per day on ten.
void BM_AssessEarlyIcahtThirtyDays(benchmark::State& state) {
  std::vector<iraed::surveillance::NeutrophilCount> counts;
  for (int d = 0; d <= 30; ++d) {
    const double anc = d >= 2 && d <= 16 ? 0.3 : 1.9;
    counts.push_back({kAt + d * 24 * kHour, d, anc, "10*3/uL"});
    if (d % 3 == 0)
      counts.push_back({kAt + d * 24 * kHour + kHour, d, anc * 1000, "/uL"});
  }
  for (auto _ : state) {
    auto a = iraed::surveillance::AssessIcaht(
        counts, iraed::grading::IcahtCounting::kCumulative);
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_AssessEarlyIcahtThirtyDays);

// Febrile neutropenia at a moment: a count and six hourly temperatures.
void BM_AssessFebrileNeutropenia(benchmark::State& state) {
  iraed::surveillance::FnSnapshot s;
  s.at = kAt;
  s.anc = iraed::surveillance::AncValue{0.4, "10*3/uL", kAt - 5 * kHour};
  for (int h = 5; h >= 0; --h) {
    s.temperatures.push_back(ChartedValue{38.0 + 0.1 * h, "", kAt - h * kHour});
  }
  for (auto _ : state) {
    auto a = iraed::surveillance::AssessFebrileNeutropenia(s);
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_AssessFebrileNeutropenia);

}  // namespace

BENCHMARK_MAIN();
