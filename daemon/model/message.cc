#include "model/message.h"

namespace iraed::model {

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

std::string_view ToString(CheckpointTarget t) {
  switch (t) {
    case CheckpointTarget::kUnspecified:
      return "";
    case CheckpointTarget::kPd1:
      return "PD-1";
    case CheckpointTarget::kPdL1:
      return "PD-L1";
    case CheckpointTarget::kCtla4:
      return "CTLA-4";
    case CheckpointTarget::kLag3:
      return "LAG-3";
  }
  return "";
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
