// File: grading/drug_catalog.h
//
// The drugs iraed recognises in medication administrations and therapy
// events, by generic or brand name (case-insensitive, ignoring spaces,
// hyphens and a trailing salt/dose text after the name) or by a site-added
// code. No RxNorm codes are shipped: the reference verifies none, so sites
// add their codes (`AddCode`). Pure.
#ifndef IRAED_GRADING_DRUG_CATALOG_H_
#define IRAED_GRADING_DRUG_CATALOG_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grading/checkpoint_target.h"

namespace iraed::grading {

enum class DrugClass {
  kCheckpointInhibitor,
  kCarT,
  kBispecificTCellEngager,
  kVasopressor,
  kVasopressin,  // counted apart from other vasopressors (LEE-CRS)
  kTocilizumab,  // anti-cytokine (IL-6 receptor)
  kCorticosteroid,
  kAntipyretic,
  kAnakinra,  // anti-cytokine (IL-1)
  // Lymphodepleting chemotherapy before CAR-T (fludarabine,
  // cyclophosphamide, bendamustine): CAR-HEMATOTOX reads the values before
  // its first dose (grading/car_hematotox.h).
  kLymphodepletion,
};

// Storage and configuration names: "checkpoint_inhibitor", "car_t",
// "bispecific_t_cell_engager", "vasopressor", "vasopressin", "tocilizumab",
// "corticosteroid", "antipyretic", "anakinra", "lymphodepletion".
std::string_view DrugClassName(DrugClass c);
std::optional<DrugClass> DrugClassFromName(std::string_view name);

struct Drug {
  std::string generic;  // "pembrolizumab"
  DrugClass drug_class;
  CheckpointTarget target = CheckpointTarget::kNone;
};

class DrugCatalog {
 public:
  // The shipped catalogue (generic and brand names).
  static DrugCatalog Defaults();

  // Adds a name (generic or brand) for `drug` (site extension).
  void AddName(std::string_view name, const Drug& drug);
  // Adds a code in a code system ("RXNORM", "NDC", a local system).
  void AddCode(std::string_view system, std::string_view code,
               const Drug& drug);

  // By code first, then by name. nullopt when unknown.
  std::optional<Drug> Find(std::string_view system, std::string_view code,
                           std::string_view name) const;

 private:
  std::map<std::string, Drug> names_;  // folded name -> drug
  std::map<std::pair<std::string, std::string>, Drug> codes_;
};

// Whether drugs of this class mask fever for CRS grading (LEE-CRS: "once
// antipyretic or anti-cytokine therapy has been given"). Default: all of
// antipyretics, tocilizumab, anakinra and corticosteroids; configurable.
struct FeverMaskingPolicy {
  bool antipyretics = true;
  bool tocilizumab = true;
  bool corticosteroids = true;
  bool anakinra = true;
  bool Masks(DrugClass c) const;
};

}  // namespace iraed::grading

#endif  // IRAED_GRADING_DRUG_CATALOG_H_
