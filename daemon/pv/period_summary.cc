#include "pv/period_summary.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "common/markup.h"

namespace iraed::pv {
namespace {

using SeriesKey = std::tuple<std::string, std::string, std::string>;

// The label column fits the longest label (about 7 px a character at 13 px,
// capped: longer labels are shortened with an ellipsis); the bars, and
// room on their right for the count.
constexpr int kLabelWidth = 530, kBarWidth = 440, kRowHeight = 26;
constexpr std::size_t kLabelChars = 72;
constexpr int kTop = 64, kWidth = kLabelWidth + kBarWidth + 120;

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// Per term and grading system: patients by their worst grade (1..5).
struct TermBar {
  std::string label;
  std::array<std::int64_t, 6> patients_by_grade{};
  std::int64_t total = 0;
};

std::vector<TermBar> BarsOf(const std::vector<EpisodeForSummary>& episodes) {
  std::map<std::pair<std::string, std::string>, std::map<std::int64_t, int>>
      worst;
  for (const EpisodeForSummary& e : episodes) {
    int& w = worst[{e.term, e.grading_system}][e.patient];
    w = std::max(w, e.worst_grade);
  }
  std::vector<TermBar> bars;
  for (const auto& [key, patients] : worst) {
    TermBar bar;
    bar.label = key.first + " (" + key.second + ")";
    if (bar.label.size() > kLabelChars) {
      // Cut at a character boundary (never inside a UTF-8 sequence).
      std::size_t cut = kLabelChars - 1;
      while (cut > 0 &&
             (static_cast<unsigned char>(bar.label[cut]) & 0xC0) == 0x80) {
        --cut;
      }
      bar.label = bar.label.substr(0, cut) + "\u2026";
    }
    for (const auto& [patient, grade] : patients) {
      if (grade < 1 || grade > 5) continue;
      ++bar.patients_by_grade[grade];
      ++bar.total;
    }
    if (bar.total > 0) bars.push_back(std::move(bar));
  }
  std::stable_sort(
      bars.begin(), bars.end(),
      [](const TermBar& a, const TermBar& b) { return a.total > b.total; });
  return bars;
}

// Worst grade 1..5, light to dark (ColorBrewer OrRd, then black).
constexpr std::array<const char*, 6> kGradeColour = {
    "", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000", "#000000"};

std::string Axis(double scale_max, int bottom) {
  std::string out;
  for (int tick = 0; tick <= 4; ++tick) {
    const double value = scale_max * tick / 4;
    const int x = kLabelWidth + static_cast<int>(kBarWidth * tick / 4);
    out += "<line x1=\"" + std::to_string(x) + "\" y1=\"" +
           std::to_string(kTop - 6) + "\" x2=\"" + std::to_string(x) +
           "\" y2=\"" + std::to_string(bottom) +
           "\" stroke=\"#bbbbbb\" stroke-width=\"1\"/>\n";
    out += "<text x=\"" + std::to_string(x) + "\" y=\"" +
           std::to_string(bottom + 16) + "\" text-anchor=\"middle\">" +
           Number(value) + " %</text>\n";
  }
  return out;
}

std::string Bar(const TermBar& bar, int row, double scale_max,
                std::int64_t at_risk) {
  const int y = kTop + row * kRowHeight;
  std::string out = "<text x=\"" + std::to_string(kLabelWidth - 8) + "\" y=\"" +
                    std::to_string(y + 17) + "\" text-anchor=\"end\">" +
                    EscapeMarkup(bar.label) + "</text>\n";
  double x = kLabelWidth;
  for (int grade = 1; grade <= 5; ++grade) {
    const std::int64_t n = bar.patients_by_grade[grade];
    if (n == 0) continue;
    const double percent = 100.0 * static_cast<double>(n) / at_risk;
    const double width = kBarWidth * percent / scale_max;
    out += "<rect x=\"" + Number(x) + "\" y=\"" + std::to_string(y + 4) +
           "\" width=\"" + Number(width) + "\" height=\"" +
           std::to_string(kRowHeight - 8) + "\" fill=\"" + kGradeColour[grade] +
           "\"><title>grade " + std::to_string(grade) + ": " +
           std::to_string(n) + " patient(s), " + Number(percent) +
           " %</title></rect>\n";
    x += width;
  }
  out += "<text x=\"" + Number(x + 6) + "\" y=\"" + std::to_string(y + 17) +
         "\">" + std::to_string(bar.total) + " (" +
         Number(100.0 * static_cast<double>(bar.total) / at_risk) +
         " %)</text>\n";
  return out;
}

std::string Legend(int y) {
  std::string out;
  for (int grade = 1; grade <= 5; ++grade) {
    const int x = kLabelWidth + (grade - 1) * 88;
    out += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) +
           "\" width=\"14\" height=\"14\" fill=\"" + kGradeColour[grade] +
           "\" stroke=\"#555555\"/>\n<text x=\"" + std::to_string(x + 20) +
           "\" y=\"" + std::to_string(y + 12) + "\">grade " +
           std::to_string(grade) + "</text>\n";
  }
  return out;
}

}  // namespace

std::vector<SummaryRow> Summarise(
    const std::vector<EpisodeForSummary>& episodes,
    const std::map<std::string, std::set<std::int64_t>>& at_risk) {
  using RowKey = std::tuple<std::string, std::string, std::string, int>;
  std::map<RowKey, std::int64_t> episode_counts, patient_counts;
  std::map<std::pair<SeriesKey, std::int64_t>, int> worst;
  for (const EpisodeForSummary& e : episodes) {
    ++episode_counts[{e.therapy_class, e.term, e.grading_system,
                      e.worst_grade}];
    int& w = worst[{{e.therapy_class, e.term, e.grading_system}, e.patient}];
    w = std::max(w, e.worst_grade);
  }
  for (const auto& [key, grade] : worst) {
    const auto& [klass, term, system] = key.first;
    ++patient_counts[{klass, term, system, grade}];
  }
  std::vector<SummaryRow> rows;
  for (const auto& [key, count] : episode_counts) {
    SummaryRow r;
    std::tie(r.therapy_class, r.term, r.grading_system, r.worst_grade) = key;
    r.episodes = count;
    if (auto p = patient_counts.find(key); p != patient_counts.end()) {
      r.patients = p->second;
    }
    if (auto risk = at_risk.find(r.therapy_class); risk != at_risk.end()) {
      r.patients_at_risk = static_cast<std::int64_t>(risk->second.size());
    }
    if (r.patients_at_risk > 0) {
      r.incidence_percent = 100.0 * static_cast<double>(r.patients) /
                            static_cast<double>(r.patients_at_risk);
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

std::string IncidencePlotSvg(const std::vector<EpisodeForSummary>& episodes,
                             std::int64_t patients_at_risk,
                             const std::string& period) {
  const std::vector<TermBar> bars =
      patients_at_risk > 0 ? BarsOf(episodes) : std::vector<TermBar>{};
  double top_percent = 0;
  for (const TermBar& b : bars) {
    top_percent = std::max(
        top_percent, 100.0 * static_cast<double>(b.total) / patients_at_risk);
  }
  // The scale ends at the next multiple of 10 % (at least 10 %).
  const double scale_max =
      std::max(10.0, 10.0 * static_cast<int>((top_percent + 9.999) / 10));
  const int rows = std::max<int>(1, static_cast<int>(bars.size()));
  const int bottom = kTop + rows * kRowHeight;
  const int height = bottom + 70;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
      std::to_string(kWidth) + "\" height=\"" + std::to_string(height) +
      "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " +
      std::to_string(height) +
      "\" font-family=\"sans-serif\" font-size=\"13\" role=\"img\">\n"
      "<title>Adverse-event incidence by worst grade</title>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
      "<text x=\"12\" y=\"24\" font-size=\"16\" font-weight=\"bold\">"
      "Patients with an adverse-event episode, by worst grade</text>\n"
      "<text x=\"12\" y=\"44\">" +
      EscapeMarkup(period) + "; " + std::to_string(patients_at_risk) +
      " patient(s) at risk (any monitored therapy)</text>\n";
  out += Axis(scale_max, bottom);
  if (bars.empty()) {
    out += "<text x=\"" + std::to_string(kLabelWidth + 8) + "\" y=\"" +
           std::to_string(kTop + 17) + "\">no episode began in the period" +
           "</text>\n";
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    out += Bar(bars[i], static_cast<int>(i), scale_max, patients_at_risk);
  }
  out += Legend(bottom + 34);
  return out + "</svg>\n";
}

}  // namespace iraed::pv
