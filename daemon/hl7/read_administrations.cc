// RAS^O17 and VXU^V04: the administrations of one patient
// (hl7/read_support.h).
#include <cctype>
#include <string>

#include "hl7/read_support.h"

namespace iraed::hl7::detail {
namespace {

// RXA-12 "Administered Per (Time Unit)", e.g. "102ml/hr": rate and unit.
void ReadRate(const std::string& per, model::MedicationAdministration& a) {
  if (per.empty()) return;
  std::size_t digits = 0;
  while (digits < per.size() &&
         (std::isdigit(static_cast<unsigned char>(per[digits])) ||
          per[digits] == '.')) {
    ++digits;
  }
  if (auto rate = Number(per.substr(0, digits))) {
    a.rate = *rate;
    a.rate_unit = Trim(per.substr(digits));
  } else {
    a.rate_unit = per;
  }
}

// RXA-20 completion status, RXA-21 action code, and whether it runs.
model::AdministrationStatus StatusOf(const Er7Message& m, const Segment& rxa,
                                     const model::MedicationAdministration& a) {
  const std::string completion = Trim(m.Value(rxa, 20));
  const std::string action = Trim(m.Value(rxa, 21));
  if (action == "D") return model::AdministrationStatus::kEnteredInError;
  if (completion == "NA" || completion == "RE") {
    return model::AdministrationStatus::kNotGiven;
  }
  if (!a.ended_at && a.rate) return model::AdministrationStatus::kInProgress;
  return model::AdministrationStatus::kCompleted;
}

// One RXA of `patient` under the ORC `orc` (or none). Returns false with
// `error` set when the message must be answered with it.
bool ReadRxa(const Reader& r, const Segment& s, int rxa_seq, const Segment* orc,
             const model::PatientId& patient,
             model::MedicationAdministration& a, Hl7Error& error) {
  const Er7Message& m = r.m;
  a.patient = patient;
  const std::string_view drug = m.Field(s, 5);
  a.drug.code = Trim(m.Decode(m.Component(drug, 1)));
  a.drug.display = Trim(m.Decode(m.Component(drug, 2)));
  a.drug.system = Trim(m.Decode(m.Component(drug, 3)));
  if (a.drug.code.empty() && a.drug.display.empty()) {
    error = Missing(Location("RXA", rxa_seq, 5), "RXA-5 administered code");
    return false;
  }
  if (!Present(m.Field(s, 3))) {
    error =
        Missing(Location("RXA", rxa_seq, 3), "RXA-3 start of administration");
    return false;
  }
  auto start =
      r.Time(m.Field(s, 3), "RXA-3", Location("RXA", rxa_seq, 3), error);
  if (!start) return false;
  a.started_at = *start;
  if (Present(m.Field(s, 4))) {
    auto end =
        r.Time(m.Field(s, 4), "RXA-4", Location("RXA", rxa_seq, 4), error);
    if (!end) return false;
    if (*end > a.started_at) a.ended_at = *end;
  }
  if (auto dose = Number(m.Value(s, 6))) a.dose = *dose;
  a.dose_unit = Trim(m.Value(s, 7, 1));
  ReadRate(Trim(m.Value(s, 12)), a);
  // The order and drug identify an administration across updates.
  std::string order =
      orc ? Trim(m.Decode(m.Component(m.Field(*orc, 3), 1))) : "";
  if (order.empty() && orc) {
    order = Trim(m.Decode(m.Component(m.Field(*orc, 2), 1)));
  }
  a.administration_id = order.empty() ? "" : order + "|" + a.drug.code;
  a.status = StatusOf(m, s, a);
  return true;
}

}  // namespace

BodyReading ReadAdministrations(const Reader& r, const std::string& trigger) {
  (void)trigger;  // O17 or V04 (hl7_reader.cc routes only those)
  BodyReading out;
  out.kind = "medication_administration";
  const Er7Message& m = r.m;
  Hl7Error error;
  auto p = r.MessagePatient(error);
  if (!p) {
    out.error = error;
    return out;
  }
  model::MedicationAdministrationBatch batch;
  const Segment* orc = nullptr;
  int rxa_seq = 0;
  for (const Segment& s : m.segments()) {
    if (s.name == "ORC") {
      orc = &s;
    } else if (s.name == "RXR" && !batch.administrations.empty()) {
      std::string route = Trim(m.Value(s, 1, 1));
      if (route.empty()) route = Trim(m.Value(s, 1, 2));
      batch.administrations.back().route = route;
    } else if (s.name == "RXA") {
      ++rxa_seq;
      model::MedicationAdministration a;
      if (!ReadRxa(r, s, rxa_seq, orc, *p, a, error)) {
        out.error = error;
        return out;
      }
      batch.administrations.push_back(std::move(a));
    }
  }
  if (batch.administrations.empty()) {
    out.error = Missing("RXA^1^1", "RXA segment (administration)");
    return out;
  }
  out.body = std::move(batch);
  return out;
}

}  // namespace iraed::hl7::detail
