#include "bench/latency_summary.h"

#include <algorithm>
#include <cmath>

namespace iraed::bench {

namespace {

// Nearest rank: the smallest sample with at least p% of samples at or below.
double PercentileMs(const std::vector<std::uint32_t>& sorted, double p) {
  const auto n = static_cast<double>(sorted.size());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * n));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1] / 1000.0;
}

}  // namespace

LatencySummary Summarize(std::vector<std::uint32_t>& samples_us) {
  LatencySummary s;
  if (samples_us.empty()) return s;
  std::sort(samples_us.begin(), samples_us.end());
  s.count = samples_us.size();
  s.p50_ms = PercentileMs(samples_us, 50);
  s.p99_ms = PercentileMs(samples_us, 99);
  s.p999_ms = PercentileMs(samples_us, 99.9);
  s.max_ms = samples_us.back() / 1000.0;
  return s;
}

}  // namespace iraed::bench
