// File: surveillance/evidence.h
//
// The pieces of a finding's evidence (findings.evidence, JSON) shared by
// the grading steps. Key names and value shapes are frozen: stored
// evidence is read back by `iraectl audit explain`, compared by `replay`
// and covered by the audit chain, so a change here is a new rule-set
// version, never an edit.
#ifndef IRAED_SURVEILLANCE_EVIDENCE_H_
#define IRAED_SURVEILLANCE_EVIDENCE_H_

#include <optional>
#include <string>

#include "common/clock.h"
#include "common/json.h"
#include "surveillance/charted_value.h"

namespace iraed::surveillance {

// A clinical value in evidence: 6 significant digits.
Json EvidenceNumber(double v);

// {"kind", "product", "at", "day"}: the therapy and the whole days from it
// to `at`.
Json TherapyJson(const TherapyRef& t, UnixMillis at);

// "day N after PRODUCT" (the kind when no product was sent).
std::string TherapyText(const TherapyRef& t, UnixMillis at);

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_EVIDENCE_H_
