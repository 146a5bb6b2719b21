// File: console/plot.h
//
// The patient page's plots, drawn on the server as SVG (no charting
// library, no script): one series over the patient's time line, a dot per
// charted value, the therapy events as vertical lines, and behind the
// series the grade bands: the value ranges each grade covers.
//
// Bands are never restated thresholds: BandsBySampling asks the grading
// rule itself for the grade of every value on the plot's scale and joins
// runs of equal grade, so what the plot shows is what the rule grades.
// Pure.
#ifndef IRAED_CONSOLE_PLOT_H_
#define IRAED_CONSOLE_PLOT_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/time_zone.h"

namespace iraed::console {

struct PlotPoint {
  UnixMillis at = 0;
  double value = 0;
};

// Values in [low, high) have `grade` (0: normal).
struct Band {
  double low = 0;
  double high = 0;
  int grade = 0;
};

struct PlotMarker {
  UnixMillis at = 0;
  std::string label;  // "CAR-T day 0", "tocilizumab"
};

struct PlotSpec {
  std::string id;     // "alt": element ids and the test's handle
  std::string title;  // "ALT"
  std::string unit;   // "U/L"
  std::vector<PlotPoint> points;
  std::vector<Band> bands;
  std::string bands_from;  // "CTCAE 5.0 at ULN 56 U/L"; "" without bands
  std::vector<PlotMarker> markers;
  UnixMillis from = 0;  // the time axis, shared by a page's plots
  UnixMillis to = 0;
  // The value axis; ValueRange(points) when not low < high.
  double low = 0;
  double high = 0;
};

// The bands of [low, high] from `grade_of` (nullopt: no grade), sampled
// at `samples` evenly spaced values, each edge then found by bisection
// (the first value of the new grade); runs without a grade are left out.
// A band narrower than a sampling step between two samples is missed.
std::vector<Band> BandsBySampling(
    double low, double high,
    const std::function<std::optional<int>(double)>& grade_of,
    int samples = 400);

// The value axis of `points` (and of the band edges that fall near them):
// a little room above and below, never a zero-height range.
std::pair<double, double> ValueRange(const std::vector<PlotPoint>& points,
                                     std::optional<double> must_show = {});

// The plot as an inline <svg> with a text alternative (title, number of
// values, latest value, band source) for screen readers.
std::string RenderPlot(const PlotSpec& plot, const TimeZone& zone);

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_PLOT_H_
