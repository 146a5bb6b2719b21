// Febrile neutropenia from what the record holds (surveillance/
// febrile_neutropenia_assembly.h): units, and the evidence.
#include "surveillance/febrile_neutropenia_assembly.h"

#include <gtest/gtest.h>

namespace iraed::surveillance {
namespace {

constexpr UnixMillis kAt = 1'800'000'000'000;

TEST(FebrileNeutropeniaAssemblyTest, CountsInAnyCountUnitAndUnknownUnits) {
  FnSnapshot s;
  s.at = kAt;
  s.anc = AncValue{400, "/uL", kAt - 3'600'000};
  s.temperatures = {ChartedValue{38.9, "", kAt}};
  FnAssessment a = AssessFebrileNeutropenia(s);
  ASSERT_TRUE(a.grade);
  EXPECT_EQ(a.grade->grade, 3);
  EXPECT_EQ(a.anc_giga_per_l, 0.4);
  // A count in a unit that is not a count unit is unknown, never normal.
  s.anc = AncValue{0.4, "%", kAt};
  a = AssessFebrileNeutropenia(s);
  EXPECT_FALSE(a.grade);
  EXPECT_FALSE(a.anc_giga_per_l);
}

TEST(FebrileNeutropeniaAssemblyTest, EvidenceKeysAndNullWhenNoCount) {
  FnFindingEvidence e;
  e.anc = AncValue{0.3, "10*3/uL", kAt};
  e.anc_giga_per_l = 0.3;
  e.temperatures = {{kAt, 38.9}};
  e.rule = "r";
  EXPECT_EQ(DumpJson(ToJson(e)),
            R"({"anc":{"value":0.3,"unit":"10*3/uL","observed_at":)"
            R"("2027-01-15T08:00:00.000Z"},"anc_giga_per_l":0.3,)"
            R"("temperatures":[{"value_cel":38.9,"observed_at":)"
            R"("2027-01-15T08:00:00.000Z"}],"rule":"r","therapy":)"
            R"({"first":null,"latest":null}})");
  // An episode ended for want of a current count: no count of 1970.
  e.anc.reset();
  e.anc_giga_per_l.reset();
  e.temperatures.clear();
  EXPECT_EQ(DumpJson(ToJson(e)),
            R"({"anc":null,"anc_giga_per_l":null,"temperatures":[],)"
            R"("rule":"r","therapy":{"first":null,"latest":null}})");
}

}  // namespace
}  // namespace iraed::surveillance
