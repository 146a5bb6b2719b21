#include "console/plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "common/markup.h"
#include "console/html.h"

namespace iraed::console {
namespace {

constexpr double kWidth = 720, kHeight = 180;
constexpr double kLeft = 56, kRight = 12, kTop = 10, kBottom = 26;

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string Coordinate(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::vector<Band> BandsBySampling(
    double low, double high,
    const std::function<std::optional<int>(double)>& grade_of, int samples) {
  std::vector<Band> bands;
  if (!(high > low) || samples < 2) return bands;
  const double step = (high - low) / samples;
  std::optional<int> current;
  double start = low;
  for (int i = 0; i <= samples; ++i) {
    const double v = i == samples ? high : low + (step * i);
    const std::optional<int> g = grade_of(v);
    if (i == 0) {
      current = g;
      continue;
    }
    if (g != current) {
      // The edge lies between the previous sample and this one: found by
      // bisection to the precision of a double, so a value next to a
      // threshold is shaded as the rule grades it.
      double before = v - step;
      double after = v;
      for (int k = 0; k < 60 && after - before > 0; ++k) {
        const double mid = before + ((after - before) / 2);
        if (mid <= before || mid >= after) break;
        (grade_of(mid) == g ? after : before) = mid;
      }
      const double edge = after;
      if (current) bands.push_back(Band{start, edge, *current});
      start = edge;
      current = g;
    }
  }
  if (current) bands.push_back(Band{start, high, *current});
  return bands;
}

std::pair<double, double> ValueRange(const std::vector<PlotPoint>& points,
                                     std::optional<double> must_show) {
  double lo = must_show.value_or(points.empty() ? 0 : points.front().value);
  double hi = lo;
  for (const PlotPoint& p : points) {
    lo = std::min(lo, p.value);
    hi = std::max(hi, p.value);
  }
  const double span = hi - lo;
  const double pad =
      span > 0 ? span * 0.15 : std::max(std::fabs(hi) * 0.1, 1.0);
  return {lo - pad, hi + pad};
}

namespace {

// The drawing area of one plot: value and time scales to SVG coordinates.
struct Frame {
  double lo = 0, hi = 1;  // value axis
  double t0 = 0, t1 = 1;  // time axis (ms)
  static constexpr double kPlotW = kWidth - kLeft - kRight;
  static constexpr double kPlotH = kHeight - kTop - kBottom;

  double X(UnixMillis at) const {
    return kLeft + (kPlotW * (static_cast<double>(at) - t0) / (t1 - t0));
  }
  double Y(double v) const {
    return kTop + (kPlotH * (hi - std::clamp(v, lo, hi)) / (hi - lo));
  }
};

std::string Caption(const PlotSpec& plot, const TimeZone& zone) {
  std::string html = "<figcaption><strong>" + EscapeMarkup(plot.title) +
                     "</strong> (" + EscapeMarkup(plot.unit) +
                     "): " + std::to_string(plot.points.size()) +
                     " value(s), latest " + Number(plot.points.back().value) +
                     " at " + LocalMinute(zone, plot.points.back().at);
  if (!plot.bands_from.empty()) {
    html += "; bands: " + EscapeMarkup(plot.bands_from);
  }
  return html + "</figcaption>\n";
}

std::string Bands(const PlotSpec& plot, const Frame& f) {
  std::string svg;
  for (const Band& b : plot.bands) {
    const double top = f.Y(std::min(b.high, f.hi));
    const double bottom = f.Y(std::max(b.low, f.lo));
    if (bottom - top <= 0) continue;
    svg += "<rect class=\"band g" + std::to_string(b.grade) +
           "\" data-grade=\"" + std::to_string(b.grade) + "\" data-low=\"" +
           Number(b.low) + "\" data-high=\"" + Number(b.high) + "\" x=\"" +
           Coordinate(kLeft) + "\" y=\"" + Coordinate(top) + "\" width=\"" +
           Coordinate(Frame::kPlotW) + "\" height=\"" +
           Coordinate(bottom - top) + "\"><title>grade " +
           std::to_string(b.grade) + ": " + Number(b.low) + " to " +
           Number(b.high) + "</title></rect>\n";
  }
  return svg;
}

std::string Axes(const PlotSpec& plot, const Frame& f, const TimeZone& zone) {
  const std::string bottom = Coordinate(kTop + Frame::kPlotH);
  std::string svg = "<line class=\"axis\" x1=\"" + Coordinate(kLeft) +
                    "\" y1=\"" + Coordinate(kTop) + "\" x2=\"" +
                    Coordinate(kLeft) + "\" y2=\"" + bottom + "\"/>\n";
  svg += "<line class=\"axis\" x1=\"" + Coordinate(kLeft) + "\" y1=\"" +
         bottom + "\" x2=\"" + Coordinate(kWidth - kRight) + "\" y2=\"" +
         bottom + "\"/>\n";
  for (const double v : {f.lo, (f.lo + f.hi) / 2, f.hi}) {
    svg += "<text class=\"tick\" x=\"" + Coordinate(kLeft - 4) + "\" y=\"" +
           Coordinate(f.Y(v) + 4) + "\" text-anchor=\"end\">" + Number(v) +
           "</text>\n";
  }
  for (const UnixMillis at : {plot.from, plot.to}) {
    svg += "<text class=\"tick\" x=\"" + Coordinate(f.X(at)) + "\" y=\"" +
           Coordinate(kHeight - 6) + "\" text-anchor=\"" +
           (at == plot.from ? "start" : "end") + "\">" +
           EscapeMarkup(zone.FormatLocal(at).substr(0, 10)) + "</text>\n";
  }
  for (const PlotMarker& m : plot.markers) {
    if (m.at < plot.from || m.at > plot.to) continue;
    svg += "<line class=\"marker\" x1=\"" + Coordinate(f.X(m.at)) + "\" y1=\"" +
           Coordinate(kTop) + "\" x2=\"" + Coordinate(f.X(m.at)) + "\" y2=\"" +
           bottom + "\"><title>" + EscapeMarkup(m.label) + "</title></line>\n";
  }
  return svg;
}

std::string Series(const PlotSpec& plot, const Frame& f, const TimeZone& zone) {
  std::string svg;
  if (plot.points.size() > 1) {
    svg += "<polyline class=\"series\" points=\"";
    for (const PlotPoint& p : plot.points) {
      svg += Coordinate(f.X(p.at)) + "," + Coordinate(f.Y(p.value)) + " ";
    }
    svg += "\"/>\n";
  }
  for (const PlotPoint& p : plot.points) {
    svg += "<circle class=\"point\" cx=\"" + Coordinate(f.X(p.at)) +
           "\" cy=\"" + Coordinate(f.Y(p.value)) + "\" r=\"4\" data-value=\"" +
           Number(p.value) + "\"><title>" + Number(p.value) + " " +
           EscapeMarkup(plot.unit) + " at " + LocalMinute(zone, p.at) +
           "</title></circle>\n";
  }
  return svg;
}

}  // namespace

std::string RenderPlot(const PlotSpec& plot, const TimeZone& zone) {
  std::string html =
      "<figure class=\"plot\" id=\"plot-" + EscapeMarkup(plot.id) + "\">\n";
  if (plot.points.empty()) {
    return html + "<figcaption><strong>" + EscapeMarkup(plot.title) +
           "</strong>: 0 value(s) charted.</figcaption>\n</figure>\n";
  }
  Frame f;
  std::tie(f.lo, f.hi) = plot.low < plot.high
                             ? std::make_pair(plot.low, plot.high)
                             : ValueRange(plot.points);
  f.t0 = static_cast<double>(plot.from);
  f.t1 = std::max(static_cast<double>(plot.to), f.t0 + 1);
  html += Caption(plot, zone);
  html += "<svg viewBox=\"0 0 " + Coordinate(kWidth) + " " +
          Coordinate(kHeight) + "\" role=\"img\" aria-label=\"" +
          EscapeMarkup(plot.title) + " over time\" data-points=\"" +
          std::to_string(plot.points.size()) + "\">\n";
  html += Bands(plot, f) + Axes(plot, f, zone) + Series(plot, f, zone);
  return html + "</svg>\n</figure>\n";
}

}  // namespace iraed::console
