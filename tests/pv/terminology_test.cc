// CTCAE system organ classes and MedDRA versions for every term iraed
// grades (pv/terminology.h), checked against the grading's own term list.
#include "pv/terminology.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "grading/ctcae6_labs.h"
#include "grading/ctcae_grader.h"
#include "grading/febrile_neutropenia.h"
#include "grading/syndromes.h"

namespace iraed::pv {
namespace {

using grading::ctcae_detail::Term;
namespace g = grading::ctcae_detail;

// Every CTCAE v5 term the lab, fever and diarrhea grading writes
// (grading/ctcae_grader.h).
const std::vector<Term>& V5Terms() {
  static const std::vector<Term> kTerms = {
      g::kAlt,          g::kAst,       g::kBili,       g::kAlp,
      g::kGgt,          g::kCreat,     g::kCkd,        g::kLipase,
      g::kAmylase,      g::kAnc,       g::kPlt,        g::kAnemia,
      g::kLymph,        g::kWbc,       g::kFibrinogen, g::kInr,
      g::kAptt,         g::kHypoNa,    g::kHyperK,     g::kHypoK,
      g::kHypoGlu,      g::kHypoAlb,   g::kHypoCa,     g::kHypoMg,
      g::kCpk,          g::kTnI,       g::kTnT,        g::kFever,
      g::kHyperNa,      g::kHyperCa,   g::kHyperMg,    g::kHgbUp,
      g::kLeukocytosis, g::kLymphUp,   g::kLdhUp,      g::kCholHigh,
      g::kHyperTg,      g::kHyperUric, g::kCd4Down,    g::kAcidosis,
      g::kAlkalosis,    g::kHaptoDown, g::kDiarrhea};
  return kTerms;
}

TEST(TerminologyTest, EveryV5TermHasItsSocAndMeddra20_1) {
  for (const Term& t : V5Terms()) {
    const TermCoding c = CodingOf("CTCAE 5.0", t.name, t.meddra);
    EXPECT_FALSE(c.soc.empty()) << t.name;
    EXPECT_EQ(c.meddra_version, "20.1") << t.name;
    EXPECT_EQ(c.meddra_code, t.meddra) << t.name;
    EXPECT_EQ(c.source, "CTCAE 5.0") << t.name;
  }
  EXPECT_EQ(CodingOf("CTCAE 5.0", "Febrile neutropenia",
                     grading::kFebrileNeutropeniaMeddra)
                .soc,
            "Blood and lymphatic system disorders");
}

TEST(TerminologyTest, EveryV6TermHasItsSocAndMeddra28_0) {
  std::vector<Term> v6 = {g::kThrombocytopenia, g::kHyperGlu, g::kCrClDown,
                          g::kHdlDown, g::kLdlUp};
  for (const Term& t : V5Terms()) {
    if (!grading::Ctcae5TermWithoutV6Successor(t.name) &&
        std::string(t.name) != "Platelet count decreased") {
      v6.push_back(t);
    }
  }
  for (const Term& t : v6) {
    const TermCoding c = CodingOf("CTCAE 6.0", t.name, t.meddra);
    EXPECT_FALSE(c.soc.empty()) << t.name;
    EXPECT_EQ(c.meddra_version, "28.0") << t.name;
    EXPECT_EQ(c.source, "CTCAE 6.0") << t.name;
  }
}

TEST(TerminologyTest, SocsThatDifferFromInvestigations) {
  EXPECT_EQ(CodingOf("CTCAE 5.0", "Platelet count decreased", "10035528").soc,
            "Investigations");
  EXPECT_EQ(CodingOf("CTCAE 6.0", "Thrombocytopenia", "10043554").soc,
            "Blood and lymphatic system disorders");
  EXPECT_EQ(CodingOf("CTCAE 5.0", "Chronic kidney disease", "10064848").soc,
            "Renal and urinary disorders");
  EXPECT_EQ(CodingOf("CTCAE 5.0", "Fever", "10016558").soc,
            "General disorders and administration site conditions");
  EXPECT_EQ(CodingOf("CTCAE 5.0", "Diarrhea", "10012727").soc,
            "Gastrointestinal disorders");
  EXPECT_EQ(CodingOf("CTCAE 5.0", "Hyperkalemia", "10020647").soc,
            "Metabolism and nutrition disorders");
  // v6 dropped these terms: no v6 coding for them.
  EXPECT_TRUE(CodingOf("CTCAE 6.0", "CPK increased", "10011268").soc.empty());
}

TEST(TerminologyTest, OtherGradingSystemsTakeTheMatchingCtcaeTerm) {
  const TermCoding crs = CodingOf("ASTCT 2019", grading::kCrsTerm, "10052015");
  EXPECT_EQ(crs.soc, "Immune system disorders");
  EXPECT_EQ(crs.meddra_version, "20.1");
  EXPECT_EQ(crs.source, "CTCAE 5.0");
  const TermCoding thyroid =
      CodingOf("ASCO 2021", "Hypothyroidism", "10021114");
  EXPECT_EQ(thyroid.soc, "Endocrine disorders");
  // Without a code: the v6 term of the same name, its code included.
  const TermCoding icans = CodingOf("ASTCT 2019", grading::kIcansTerm, "");
  EXPECT_EQ(icans.soc, "Nervous system disorders");
  EXPECT_EQ(icans.meddra_code, "10083347");
  EXPECT_EQ(icans.meddra_version, "28.0");
  EXPECT_EQ(icans.source, "CTCAE 6.0");
  EXPECT_EQ(CodingOf("ASCO 2021", "Hepatitis", "").soc,
            "Hepatobiliary disorders");
  EXPECT_EQ(CodingOf("ASCO 2021", "Diabetes mellitus", "").meddra_code,
            "10012601");
  // ICAHT is no CTCAE term; a code that matches no CTCAE term is kept,
  // unlabelled.
  const TermCoding icaht = CodingOf("EHA/EBMT ICAHT 2023", "Early ICAHT", "");
  EXPECT_TRUE(icaht.soc.empty());
  EXPECT_TRUE(icaht.meddra_version.empty());
  // ASCO Nephritis: no CTCAE version has the term; iraed maps it to none.
  const TermCoding nephritis = CodingOf("ASCO 2021", "Nephritis", "");
  EXPECT_TRUE(nephritis.soc.empty());
  EXPECT_TRUE(nephritis.meddra_code.empty());
  const TermCoding odd = CodingOf("ASCO 2021", "Hypothyroidism", "99999999");
  EXPECT_EQ(odd.meddra_code, "99999999");
  EXPECT_TRUE(odd.soc.empty());
}

}  // namespace
}  // namespace iraed::pv
