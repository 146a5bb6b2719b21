#include "model/message.h"

#include "common/utf8.h"

namespace iraed::model {

namespace {

struct TextRepair {
  std::size_t replaced = 0;

  void operator()(std::string& s) { replaced += RepairUtf8(s); }
  void operator()(std::optional<std::string>& s) {
    if (s) (*this)(*s);
  }
  void operator()(PatientId& p) {
    (*this)(p.id);
    (*this)(p.assigning_authority);
    (*this)(p.id_type);
    (*this)(p.name);
    (*this)(p.ward);
    (*this)(p.bed);
  }
  void operator()(Code& c) {
    (*this)(c.system);
    (*this)(c.code);
    (*this)(c.display);
  }
  void operator()(Observation& o) {
    (*this)(o.code);
    for (Code& c : o.alternate_codes) (*this)(c);
    (*this)(o.text);
    (*this)(o.comparator);
    (*this)(o.unit);
    (*this)(o.reference_range.text);
    (*this)(o.abnormal_flag);
    (*this)(o.result_id);
  }
  void operator()(ObservationBatch& b) {
    (*this)(b.patient);
    for (Observation& o : b.observations) (*this)(o);
  }
  void operator()(MedicationAdministration& a) {
    (*this)(a.patient);
    (*this)(a.drug);
    (*this)(a.dose_unit);
    (*this)(a.rate_unit);
    (*this)(a.route);
    (*this)(a.administration_id);
  }
  void operator()(MedicationAdministrationBatch& b) {
    for (MedicationAdministration& a : b.administrations) (*this)(a);
  }
  void operator()(TherapyEvent& t) {
    (*this)(t.patient);
    (*this)(t.product);
    (*this)(t.event_id);
  }
  void operator()(PatientEvent& e) {
    (*this)(e.patient);
    if (e.merged_from) (*this)(*e.merged_from);
  }
  void operator()(AlertAction& a) {
    (*this)(a.by);
    (*this)(a.note);
  }
  void operator()(FeedConfirmation& c) { (*this)(c.consumer); }
};

}  // namespace

std::size_t RepairText(Message& m) {
  TextRepair repair;
  repair(m.message_id);
  repair(m.source);
  std::visit(repair, m.body);
  for (QualityNote& n : m.quality_notes) {
    repair(n.issue);
    repair(n.detail);
  }
  return repair.replaced;
}

std::string_view BodyKindName(const Body& body) {
  struct Namer {
    std::string_view operator()(const ObservationBatch&) const {
      return "observations";
    }
    std::string_view operator()(const MedicationAdministration&) const {
      return "medication_administration";
    }
    std::string_view operator()(const MedicationAdministrationBatch&) const {
      return "medication_administration";
    }
    std::string_view operator()(const TherapyEvent&) const {
      return "therapy_event";
    }
    std::string_view operator()(const PatientEvent&) const {
      return "patient_event";
    }
    std::string_view operator()(const AlertAction&) const {
      return "alert_action";
    }
    std::string_view operator()(const FeedConfirmation&) const {
      return "feed_confirmation";
    }
  };
  return std::visit(Namer{}, body);
}

std::string_view ToString(ResultStatus s) {
  switch (s) {
    case ResultStatus::kFinal:
      return "final";
    case ResultStatus::kCorrected:
      return "corrected";
    case ResultStatus::kPreliminary:
      return "preliminary";
    case ResultStatus::kCancelled:
      return "cancelled";
    case ResultStatus::kEnteredInError:
      return "entered_in_error";
  }
  return "final";
}

std::string_view ToString(AdministrationStatus s) {
  switch (s) {
    case AdministrationStatus::kInProgress:
      return "in_progress";
    case AdministrationStatus::kCompleted:
      return "completed";
    case AdministrationStatus::kStopped:
      return "stopped";
    case AdministrationStatus::kNotGiven:
      return "not_given";
    case AdministrationStatus::kEnteredInError:
      return "entered_in_error";
  }
  return "completed";
}

std::string_view ToString(TherapyKind k) {
  switch (k) {
    case TherapyKind::kCarTInfusion:
      return "car_t_infusion";
    case TherapyKind::kBispecificTCellEngager:
      return "bispecific_t_cell_engager";
    case TherapyKind::kCheckpointInhibitorDose:
      return "checkpoint_inhibitor_dose";
  }
  return "car_t_infusion";
}

std::string_view ToString(PatientEventKind k) {
  switch (k) {
    case PatientEventKind::kRegistered:
      return "registered";
    case PatientEventKind::kUpdated:
      return "updated";
    case PatientEventKind::kDischarged:
      return "discharged";
    case PatientEventKind::kMerged:
      return "merged";
  }
  return "registered";
}

std::string_view ToString(AlertActionKind k) {
  return k == AlertActionKind::kResolve ? "resolved" : "acknowledged";
}

}  // namespace iraed::model
