#include "surveillance/crs_assembly.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/time_format.h"
#include "grading/clinical_states.h"
#include "surveillance/evidence.h"

namespace iraed::surveillance {

std::optional<std::int64_t> MaskingWindow(
    const grading::GradingOptions& options, grading::DrugClass drug_class) {
  if (!options.fever_masking.Masks(drug_class)) return std::nullopt;
  auto window = options.masking_ms.find(drug_class);
  if (window == options.masking_ms.end()) return std::nullopt;
  return window->second;
}

std::int64_t LongestMaskingWindow(const grading::GradingOptions& options) {
  std::int64_t longest = 0;
  for (const auto& [cls, ms] : options.masking_ms) {
    if (options.fever_masking.Masks(cls)) longest = std::max(longest, ms);
  }
  return longest;
}

RunningVasopressors VasopressorsRunning(
    const std::vector<VasopressorRecord>& records, UnixMillis at,
    std::int64_t freshness_ms) {
  struct Infusion {
    std::string cls, generic;
    bool withdrawn = false;
    std::optional<UnixMillis> stop;  // earliest stop or end at or before
    bool open = false;               // a start at or before, not ended
    UnixMillis last_update = 0;
  };
  std::map<std::string, Infusion> infusions;  // by administration id
  for (const VasopressorRecord& r : records) {
    if (r.started_at > at) continue;
    const std::string key = r.administration_id.empty()
                                ? "#" + std::to_string(r.row)
                                : r.administration_id;
    Infusion& inf = infusions[key];
    inf.cls = r.drug_class;
    inf.generic = r.generic;
    inf.last_update = std::max(inf.last_update, r.started_at);
    auto stop_at = [&inf](UnixMillis t) {
      inf.stop = inf.stop ? std::min(*inf.stop, t) : t;
    };
    if (r.status == "entered_in_error") {
      inf.withdrawn = true;
    } else if (r.status == "in_progress" || r.status == "completed") {
      if (r.ended_at && *r.ended_at <= at) {
        stop_at(*r.ended_at);
      } else if (r.ended_at) {
        inf.open = true;
        inf.last_update = at;  // runs until its known end
      } else if (r.status == "in_progress") {
        inf.open = true;
      }
    } else {  // stopped, not_given: from their end, else their time
      const UnixMillis t = r.ended_at.value_or(r.started_at);
      if (t <= at) stop_at(t);
    }
  }
  std::set<std::string> pressors;
  RunningVasopressors out;
  for (const auto& [key, inf] : infusions) {
    if (inf.withdrawn || !inf.open || inf.stop) continue;
    if (at - inf.last_update > freshness_ms) continue;
    if (inf.cls == "vasopressin") {
      out.vasopressin = true;
    } else {
      pressors.insert(inf.generic);
    }
  }
  out.pressors.assign(pressors.begin(), pressors.end());
  return out;
}

namespace {

// The newest masking dose within its class's window that was given while
// the patient had CRS; null when none.
std::optional<MaskingEvidence> FeverMaskedBy(
    const CrsSnapshot& s, const grading::GradingOptions& options) {
  for (const MaskingDose& d : s.masking_doses) {
    const auto window = MaskingWindow(options, d.drug_class);
    if (!window || d.at > s.at || s.at - d.at > *window) continue;
    if (d.crs_grade_at_dose < 1) continue;
    return MaskingEvidence{
        d.generic, std::string(grading::DrugClassName(d.drug_class)), d.at};
  }
  return std::nullopt;
}

}  // namespace

CrsAssessment AssembleCrs(const CrsSnapshot& s,
                          const grading::GradingOptions& options) {
  CrsAssessment out;
  grading::CrsInputs& in = out.inputs;
  CrsEvidence& evidence = out.evidence;

  if (s.temperature && s.temperature->number) {
    in.temperature_c = s.temperature->number;
  }
  evidence.temperature_cel = ChartedEvidence::Number(s.temperature);
  if (options.rule_set >= grading::RuleSet::kRules3) {
    evidence.fever_other_cause_read = true;
    evidence.fever_other_cause = ChartedEvidence::Token(s.fever_other_cause);
    if (s.fever_other_cause) {
      in.fever_other_cause =
          grading::YesNoFromToken(s.fever_other_cause->token);
    }
  }
  evidence.fever_masked_by = FeverMaskedBy(s, options);
  in.fever_masked = evidence.fever_masked_by.has_value();
  out.gradable = in.temperature_c || in.fever_masked;

  if (s.hypotension_flag) {
    in.hypotension = grading::YesNoFromToken(s.hypotension_flag->token);
  }
  if (s.systolic && s.systolic->number && options.hypotension_systolic_below) {
    const bool low = *s.systolic->number < *options.hypotension_systolic_below;
    in.hypotension = in.hypotension.value_or(false) || low;
  }
  evidence.hypotension_flag = ChartedEvidence::Token(s.hypotension_flag);
  evidence.systolic_mm_hg = ChartedEvidence::Number(s.systolic);
  evidence.hypotension_systolic_below = options.hypotension_systolic_below;

  const RunningVasopressors running = VasopressorsRunning(
      s.vasopressors, s.at, options.vasopressor_freshness_ms);
  in.vasopressors_excluding_vasopressin =
      static_cast<int>(running.pressors.size());
  in.vasopressin_running = running.vasopressin;
  evidence.vasopressors = running.pressors;
  evidence.vasopressin = running.vasopressin;

  std::optional<ChartedValue> flow = s.oxygen_flow;
  if (s.oxygen_device) {
    in.oxygen_device = grading::OxygenDeviceFromToken(s.oxygen_device->token);
  }
  if (flow && s.oxygen_device &&
      flow->observed_at < s.oxygen_device->observed_at) {
    flow.reset();  // charted for an earlier device
  }
  if (flow && flow->number) in.oxygen_flow_l_min = flow->number;
  evidence.oxygen_device = ChartedEvidence::Token(s.oxygen_device);
  evidence.oxygen_flow_l_min = ChartedEvidence::Number(flow);
  if (options.rule_set >= grading::RuleSet::kRules4) {
    std::optional<ChartedValue> fio2 = s.inspired_oxygen;
    if (fio2 && s.oxygen_device &&
        fio2->observed_at < s.oxygen_device->observed_at) {
      fio2.reset();  // charted for an earlier device
    }
    if (fio2 && fio2->number) in.fio2_percent = fio2->number;
    evidence.fio2_read = true;
    evidence.fio2_percent = ChartedEvidence::Number(fio2);
  }

  if (!in.hypotension && in.vasopressors_excluding_vasopressin == 0 &&
      !in.vasopressin_running) {
    out.not_current += "blood pressure";
  }
  if (!in.oxygen_device) {
    out.not_current +=
        std::string(out.not_current.empty() ? "" : ", ") + "oxygen support";
  }
  return out;
}

}  // namespace iraed::surveillance
