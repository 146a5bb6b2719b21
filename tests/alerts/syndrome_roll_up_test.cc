// Roll-up of one message's findings into alerts (alerts/syndrome_roll_up.h).
#include "alerts/syndrome_roll_up.h"

#include <gtest/gtest.h>

#include "grading/icaht.h"

namespace iraed::alerts {
namespace {

using grading::Syndrome;

constexpr UnixMillis kAt = 1'800'000'000'000;
constexpr char kAlt[] = "Alanine aminotransferase increased";
constexpr char kAst[] = "Aspartate aminotransferase increased";

MessageFinding Finding(std::int64_t id, std::string term, int grade,
                       UnixMillis at = kAt) {
  MessageFinding f;
  f.id = id;
  f.term = std::move(term);
  f.grade = grade;
  f.observed_at = at;
  f.what = "value " + std::to_string(id);
  f.therapy = "day 9 after nivolumab";
  f.rule_version = "ctcae-5.0/iraed-2";
  f.after_checkpoint_inhibitor = true;
  return f;
}

TEST(SyndromeRollUpTest, TouchedSyndromesInFirstOrderWithoutMuted) {
  const std::vector<MessageFinding> f = {
      Finding(1, "Creatinine increased", 1), Finding(2, kAlt, 2),
      Finding(3, "Nephritis", 2), Finding(4, "Fever", 1),
      Finding(5, "Not a term", 3)};
  EXPECT_EQ(TouchedSyndromes(f, {}),
            (std::vector<Syndrome>{Syndrome::kNephritis, Syndrome::kHepatitis,
                                   Syndrome::kFever}));
  const std::vector<Syndrome> muted = {Syndrome::kFever};
  EXPECT_EQ(
      TouchedSyndromes(f, muted),
      (std::vector<Syndrome>{Syndrome::kNephritis, Syndrome::kHepatitis}));
}

TEST(SyndromeRollUpTest, ThresholdAndRiseDecide) {
  struct Case {
    int before;
    int after;
    bool alert;
  };
  // Hepatitis alerts from grade 2 (grading/syndromes.h).
  for (const Case c :
       {Case{0, 1, false}, Case{0, 2, true}, Case{1, 2, true},
        Case{2, 2, false}, Case{3, 2, false}, Case{2, 3, true}}) {
    const std::vector<MessageFinding> f = {Finding(7, kAlt, c.after)};
    const auto a = RollUp(Syndrome::kHepatitis, f, {{kAlt, c.before}});
    EXPECT_EQ(a.has_value(), c.alert) << c.before << "->" << c.after;
    if (a) {
      EXPECT_EQ(a->grade, c.after);
      EXPECT_EQ(a->previous_grade, c.before);
    }
  }
}

TEST(SyndromeRollUpTest, OneAlertPerSyndromeHoweverManyTermsMoved) {
  const std::vector<MessageFinding> f = {
      Finding(1, kAlt, 2), Finding(2, kAst, 3),
      Finding(3, "Blood bilirubin increased", 2)};
  const auto a = RollUp(Syndrome::kHepatitis, f, {});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->grade, 3);
  EXPECT_EQ(a->finding_ids, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(a->summary,
            "Hepatitis grade 3 (was 0): value 2; observed "
            "2027-01-15T08:00:00.000Z, day 9 after nivolumab");
  EXPECT_FALSE(a->provisional);
  EXPECT_EQ(a->rule_version, "ctcae-5.0/iraed-2");
  EXPECT_EQ(a->action, grading::SyndromeAction(Syndrome::kHepatitis, 3, true));
}

TEST(SyndromeRollUpTest, ATermKeepsItsGradeBeforeWhenTheMessageDidNotMoveIt) {
  // AST was 3 before; ALT moves to 2: the syndrome stays at 3, no alert.
  const std::vector<MessageFinding> f = {Finding(1, kAlt, 2)};
  EXPECT_FALSE(RollUp(Syndrome::kHepatitis, f, {{kAst, 3}}));
}

TEST(SyndromeRollUpTest, TheNewestFindingOfATermCounts) {
  const std::vector<MessageFinding> f = {Finding(1, kAlt, 3, kAt + 1),
                                         Finding(2, kAlt, 1, kAt + 2)};
  EXPECT_FALSE(RollUp(Syndrome::kHepatitis, f, {}));
  const std::vector<MessageFinding> g = {Finding(1, kAlt, 1, kAt + 1),
                                         Finding(2, kAlt, 3, kAt + 1)};
  const auto a = RollUp(Syndrome::kHepatitis, g, {});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->grade, 3);  // same time: the later written
}

TEST(SyndromeRollUpTest, ProvisionalWhenAProvisionalFindingHoldsTheGrade) {
  std::vector<MessageFinding> f = {Finding(1, kAlt, 3), Finding(2, kAst, 2)};
  f[1].provisional = true;  // below the new grade: not the one holding it
  EXPECT_FALSE(RollUp(Syndrome::kHepatitis, f, {})->provisional);
  f[0].provisional = true;
  const auto a = RollUp(Syndrome::kHepatitis, f, {});
  EXPECT_TRUE(a->provisional);
  EXPECT_NE(a->summary.find("; provisional (assumption in the finding)"),
            std::string::npos);
}

TEST(SyndromeRollUpTest, CrsAlertsFromGradeOne) {
  const std::vector<MessageFinding> f = {
      Finding(1, std::string(grading::kCrsTerm), 1)};
  ASSERT_TRUE(RollUp(Syndrome::kCrs, f, {}));
  EXPECT_FALSE(
      RollUp(Syndrome::kCrs, f, {{std::string(grading::kCrsTerm), 1}}));
}

// Reference 10.1: in a CAR-T patient's cytopenia window only the platelet
// count pages for Cytopenia, and only at grade 4; the other count findings
// are recorded and page nobody.
constexpr char kPlatelets[] = "Platelet count decreased";
constexpr char kNeutrophils[] = "Neutrophil count decreased";

MessageFinding InCarTWindow(MessageFinding f) {
  f.paging = grading::PagingPolicy::kCarTCytopeniaWindow;
  f.after_checkpoint_inhibitor = false;
  return f;
}

TEST(SyndromeRollUpTest, CarTWindowPagesPlateletsOnlyAtGradeFour) {
  for (int grade : {1, 2, 3}) {
    const std::vector<MessageFinding> f = {
        InCarTWindow(Finding(1, kPlatelets, grade))};
    EXPECT_EQ(PolicyOf(Syndrome::kCytopenia, f),
              grading::PagingPolicy::kCarTCytopeniaWindow);
    EXPECT_FALSE(RollUp(Syndrome::kCytopenia, f, {})) << grade;
  }
  const std::vector<MessageFinding> f = {
      InCarTWindow(Finding(1, kPlatelets, 4))};
  const auto a = RollUp(Syndrome::kCytopenia, f, {{kPlatelets, 3}});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->grade, 4);
  EXPECT_EQ(a->previous_grade, 3);
  EXPECT_NE(a->summary.find("; CAR-T cytopenia window (reference 10.1): only "
                            "a platelet count at CTCAE grade 4 pages"),
            std::string::npos)
      << a->summary;
  // The same finding outside the window pages as before (from grade 2),
  // and its summary names no policy.
  const std::vector<MessageFinding> plain = {Finding(1, kPlatelets, 2)};
  const auto b = RollUp(Syndrome::kCytopenia, plain, {});
  ASSERT_TRUE(b);
  EXPECT_EQ(b->summary.find("CAR-T cytopenia window"), std::string::npos);
}

TEST(SyndromeRollUpTest, CarTWindowNeverPagesForOtherCounts) {
  for (const char* term : {kNeutrophils, "White blood cell decreased",
                           "Lymphocyte count decreased", "Anemia"}) {
    const std::vector<MessageFinding> f = {InCarTWindow(Finding(1, term, 4))};
    EXPECT_FALSE(RollUp(Syndrome::kCytopenia, f, {})) << term;
  }
  // Neutropenia at grade 4 before does not hold the platelet page back:
  // under the policy it is not part of the syndrome's grade.
  const std::vector<MessageFinding> f = {
      InCarTWindow(Finding(1, kNeutrophils, 4)),
      InCarTWindow(Finding(2, kPlatelets, 4))};
  const auto a =
      RollUp(Syndrome::kCytopenia, f, {{kNeutrophils, 4}, {kPlatelets, 2}});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->previous_grade, 2);
  EXPECT_EQ(a->finding_ids, (std::vector<std::int64_t>{1, 2}));
}

// A message mixing a day inside the window and one after it: each finding
// counts under its own policy, whatever the newest one's.
TEST(SyndromeRollUpTest, EachFindingCountsUnderItsOwnPolicy) {
  MessageFinding day30 = InCarTWindow(Finding(1, kNeutrophils, 4, kAt));
  MessageFinding day31 =
      Finding(2, "White blood cell decreased", 1, kAt + 86'400'000);
  EXPECT_FALSE(PagesUnderItsPolicy(Syndrome::kCytopenia, day30));
  EXPECT_TRUE(PagesUnderItsPolicy(Syndrome::kCytopenia, day31));
  // The newest is after the window (default policy): the in-window
  // neutropenia still does not page.
  const std::vector<MessageFinding> f = {day30, day31};
  EXPECT_FALSE(RollUp(Syndrome::kCytopenia, f, {}));
}

// After the window: a grade recorded under the window's policy paged
// nobody; it does not hold back a rise of another term, and its own term
// pages only when it rises above it (a fall never pages).
TEST(SyndromeRollUpTest, GradesThatPagedNobodyDoNotHoldBackLaterPages) {
  const GradesBefore before = {{"Anemia", 3},
                               {"Lymphocyte count decreased", 4},
                               {"White blood cell decreased", 2},
                               {kPlatelets, 1}};
  const SilencedTerms silenced = {"Anemia", "Lymphocyte count decreased",
                                  "White blood cell decreased"};
  const std::vector<MessageFinding> platelets = {Finding(1, kPlatelets, 3)};
  const auto a = RollUp(Syndrome::kCytopenia, platelets, before, silenced);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->grade, 3);
  EXPECT_EQ(a->previous_grade, 1);
  // Without the silencing the anemia grade 3 would hold it back.
  EXPECT_FALSE(RollUp(Syndrome::kCytopenia, platelets, before));
  // Lymphocytes improving from 4 to 3: a fall, no page.
  const std::vector<MessageFinding> better = {
      Finding(2, "Lymphocyte count decreased", 3)};
  EXPECT_FALSE(RollUp(Syndrome::kCytopenia, better, before, silenced));
  // White cells worsening from 2 to 3: a rise, it pages.
  const std::vector<MessageFinding> worse = {
      Finding(3, "White blood cell decreased", 3)};
  const auto w = RollUp(Syndrome::kCytopenia, worse, before, silenced);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->grade, 3);
  EXPECT_EQ(w->previous_grade, 1);
}

TEST(SyndromeRollUpTest, EarlyIcahtPagesFromGradeThree) {
  const std::string term(grading::kEarlyIcahtTerm);
  for (int grade : {1, 2}) {
    const std::vector<MessageFinding> f = {
        InCarTWindow(Finding(1, term, grade))};
    EXPECT_FALSE(RollUp(Syndrome::kIcaht, f, {})) << grade;
  }
  const std::vector<MessageFinding> f = {Finding(1, term, 3)};
  const auto a = RollUp(Syndrome::kIcaht, f, {{term, 2}});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->grade, 3);
  // Late ICAHT belongs to no syndrome: it pages nobody.
  const std::vector<MessageFinding> late = {
      Finding(2, std::string(grading::kLateIcahtTerm), 4)};
  EXPECT_TRUE(TouchedSyndromes(late, {}).empty());
}

}  // namespace
}  // namespace iraed::alerts
