// ADT: registrations, updates, discharges and merges of one patient
// (hl7/read_support.h).
#include <string>

#include "hl7/read_support.h"

namespace iraed::hl7::detail {
namespace {

// The patient event an ADT trigger stands for; nullopt when iraed does not
// take it.
std::optional<model::PatientEventKind> EventKind(const std::string& trigger) {
  static const char* kRegistered[] = {"A01", "A04", "A05", "A14", "A28"};
  static const char* kUpdated[] = {"A02", "A06", "A07", "A08", "A31"};
  for (const char* t : kRegistered) {
    if (trigger == t) return model::PatientEventKind::kRegistered;
  }
  for (const char* t : kUpdated) {
    if (trigger == t) return model::PatientEventKind::kUpdated;
  }
  if (trigger == "A03") return model::PatientEventKind::kDischarged;
  if (trigger == "A40") return model::PatientEventKind::kMerged;
  return std::nullopt;
}

// MRG-1, the identifier merged into the patient (a CX list like PID-3,
// read with the same rule).
std::optional<model::PatientId> MergedFrom(const Reader& r, Hl7Error& error) {
  const Segment* mrg = r.m.Find("MRG");
  if (!mrg) {
    error = Missing("MRG^1^1", "MRG segment (merged identifier)");
    return std::nullopt;
  }
  Segment as_pid;
  as_pid.name = "PID";
  as_pid.parts = {"PID", "", "", r.m.Field(*mrg, 1)};
  auto from = r.Patient(as_pid, 1, error);
  if (!from) error.location = "MRG^1^1";
  return from;
}

// When it happened: EVN-6, else EVN-2, else MSH-7.
std::optional<UnixMillis> EventTime(const Reader& r, Hl7Error& error) {
  const Er7Message& m = r.m;
  const Segment* evn = m.Find("EVN");
  if (evn && Present(m.Field(*evn, 6))) {
    return r.Time(m.Field(*evn, 6), "EVN-6", "EVN^1^6", error);
  }
  if (evn && Present(m.Field(*evn, 2))) {
    return r.Time(m.Field(*evn, 2), "EVN-2", "EVN^1^2", error);
  }
  if (Present(m.Field(m.msh(), 7))) {
    return r.Time(m.Field(m.msh(), 7), "MSH-7", "MSH^1^7", error);
  }
  error = Missing("EVN^1^2", "EVN-2 and MSH-7 (event time)");
  return std::nullopt;
}

}  // namespace

BodyReading ReadPatientEvent(const Reader& r, const std::string& trigger) {
  BodyReading out;
  const std::optional<model::PatientEventKind> kind = EventKind(trigger);
  if (!kind) {
    out.error = Error("201", "Unsupported event code", "MSH^1^9^1^2",
                      "ADT event '" + trigger + "' is not supported", true);
    return out;
  }
  out.kind = "patient_event";
  model::PatientEvent e;
  e.kind = *kind;
  Hl7Error error;
  auto p = r.MessagePatient(error);
  if (!p) {
    out.error = error;
    return out;
  }
  e.patient = *p;
  if (e.kind == model::PatientEventKind::kMerged) {
    auto from = MergedFrom(r, error);
    if (!from) {
      out.error = error;
      return out;
    }
    e.merged_from = *from;
  }
  auto at = EventTime(r, error);
  if (!at) {
    out.error = error;
    return out;
  }
  e.occurred_at = *at;
  out.body = std::move(e);
  return out;
}

}  // namespace iraed::hl7::detail
