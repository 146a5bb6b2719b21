#include "surveillance/evidence.h"

#include "common/time_format.h"
#include "grading/grading_options.h"

namespace iraed::surveillance {

Json EvidenceNumber(double v) { return JsonNumber(v, 6); }

Json TherapyJson(const TherapyRef& t, UnixMillis at) {
  return {{"kind", t.kind},
          {"product", t.product},
          {"at", FormatUtcMillis(t.at)},
          {"day", (at - t.at) / grading::kDayMs}};
}

std::string TherapyText(const TherapyRef& t, UnixMillis at) {
  return "day " + std::to_string((at - t.at) / grading::kDayMs) + " after " +
         (t.product.empty() ? t.kind : t.product);
}

}  // namespace iraed::surveillance
