// Tests of alerts/alert_policy.h: escalation schedule and routing, the
// shipped defaults, the audit JSON, and re-alert suppression/supersession.
#include "alerts/alert_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iraed::alerts {
namespace {

constexpr std::int64_t kMin = 60LL * 1000;
constexpr std::int64_t kHour = 60 * kMin;
constexpr UnixMillis kRaised = 1790000000000;  // an arbitrary raise time
constexpr UnixMillis kNow = 1790000000000;

Escalation Esc(std::int64_t within_ms, std::int64_t every_ms, int max,
               std::vector<std::string> route) {
  Escalation e;
  e.acknowledge_within_ms = within_ms;
  e.repeat_every_ms = every_ms;
  e.max_escalations = max;
  e.route = std::move(route);
  return e;
}

const std::vector<std::string> kFourRoles = {"r0", "r1", "r2", "r3"};

// ---------------------------------------------------------------------------
// A minimal JSON reader, enough to check that EscalationJson is valid JSON
// and to read its fields back (strings are decoded, numbers kept as text).

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  std::string text;  // number text or decoded string
  std::vector<JsonValue> items;
  std::vector<std::pair<std::string, JsonValue>> members;

  const JsonValue* Find(std::string_view key) const {
    for (const auto& [k, v] : members) {
      if (k == key) return &v;
    }
    return nullptr;
  }
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  // The whole input as one value, or nullopt if it is not valid JSON.
  std::optional<JsonValue> ReadAll() {
    JsonValue v;
    if (!Value(v)) return std::nullopt;
    Ws();
    if (i_ != s_.size()) return std::nullopt;
    return v;
  }

 private:
  void Ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' ||
                              s_[i_] == '\n' || s_[i_] == '\r')) {
      ++i_;
    }
  }
  bool Eat(char c) {
    Ws();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool Literal(std::string_view lit) {
    if (s_.substr(i_, lit.size()) != lit) return false;
    i_ += lit.size();
    return true;
  }
  bool Value(JsonValue& v) {
    Ws();
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '{') return Object(v);
    if (c == '[') return Array(v);
    if (c == '"') {
      v.kind = JsonValue::Kind::kString;
      return String(v.text);
    }
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      return Number(v);
    }
    if (Literal("true") || Literal("false")) {
      v.kind = JsonValue::Kind::kBool;
      return true;
    }
    if (Literal("null")) return true;
    return false;
  }
  bool Number(JsonValue& v) {
    v.kind = JsonValue::Kind::kNumber;
    std::size_t start = i_;
    if (s_[i_] == '-') ++i_;
    std::size_t digits = i_;
    while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) {
      ++i_;
    }
    if (i_ == digits) return false;
    if (s_[digits] == '0' && i_ - digits > 1) return false;  // leading zero
    v.text = std::string(s_.substr(start, i_ - start));
    return true;  // integers are all EscalationJson has
  }
  bool String(std::string& out) {
    if (!Eat('"')) return false;
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          if (i_ + 4 > s_.size()) return false;
          unsigned code = 0;
          for (int k = 0; k < 4; ++k) {
            char h = s_[i_++];
            if (!std::isxdigit(static_cast<unsigned char>(h))) return false;
            code =
                code * 16 +
                (std::isdigit(static_cast<unsigned char>(h))
                     ? h - '0'
                     : std::tolower(static_cast<unsigned char>(h)) - 'a' + 10);
          }
          if (code >= 0x80) return false;  // not needed by these tests
          out += static_cast<char>(code);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }
  bool Array(JsonValue& v) {
    v.kind = JsonValue::Kind::kArray;
    Eat('[');
    if (Eat(']')) return true;
    do {
      JsonValue item;
      if (!Value(item)) return false;
      v.items.push_back(std::move(item));
    } while (Eat(','));
    return Eat(']');
  }
  bool Object(JsonValue& v) {
    v.kind = JsonValue::Kind::kObject;
    Eat('{');
    if (Eat('}')) return true;
    do {
      std::string key;
      Ws();
      if (!String(key)) return false;
      if (!Eat(':')) return false;
      JsonValue member;
      if (!Value(member)) return false;
      v.members.emplace_back(std::move(key), std::move(member));
    } while (Eat(','));
    return Eat('}');
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// The checker itself, so that the EscalationJson tests mean something.
TEST(EscalationJsonTest, CheckerRejectsBrokenJson) {
  EXPECT_TRUE(JsonReader(R"({"a":[1,"x\"y"]})").ReadAll().has_value());
  EXPECT_FALSE(JsonReader(R"({"a":"x"y"})").ReadAll().has_value());
  EXPECT_FALSE(JsonReader(R"({"a":1,})").ReadAll().has_value());
  EXPECT_FALSE(JsonReader(R"({"a":1}})").ReadAll().has_value());
  EXPECT_FALSE(JsonReader(R"({"a":[1,2})").ReadAll().has_value());
}

// ---------------------------------------------------------------------------
// NextEscalation: due times.

TEST(NextEscalationTest, FirstIsDueAfterAcknowledgeWithin) {
  auto s = NextEscalation(Esc(10 * kMin, 5 * kMin, 0, kFourRoles), kRaised, 0);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->number, 1);
  EXPECT_EQ(s->due_at, kRaised + 10 * kMin);
}

TEST(NextEscalationTest, LaterOnesRepeatEveryInterval) {
  Escalation e = Esc(10 * kMin, 5 * kMin, 0, kFourRoles);
  auto s2 = NextEscalation(e, kRaised, 1);
  ASSERT_TRUE(s2.has_value());
  EXPECT_EQ(s2->number, 2);
  EXPECT_EQ(s2->due_at, kRaised + 10 * kMin + 5 * kMin);
  auto s3 = NextEscalation(e, kRaised, 2);
  ASSERT_TRUE(s3.has_value());
  EXPECT_EQ(s3->number, 3);
  EXPECT_EQ(s3->due_at, kRaised + 10 * kMin + 2 * 5 * kMin);
}

TEST(NextEscalationTest, DueTimeIsRelativeToRaisedAt) {
  Escalation e = Esc(7, 3, 0, kFourRoles);  // odd millisecond values
  auto at0 = NextEscalation(e, 0, 2);
  auto at1 = NextEscalation(e, 1, 2);
  ASSERT_TRUE(at0.has_value());
  ASSERT_TRUE(at1.has_value());
  EXPECT_EQ(at0->due_at, 7 + 2 * 3);
  EXPECT_EQ(at1->due_at, 1 + 7 + 2 * 3);
}

TEST(NextEscalationTest, OneMillisecondIntervalsStillEscalate) {
  Escalation e = Esc(1, 1, 0, kFourRoles);
  auto s1 = NextEscalation(e, kRaised, 0);
  auto s2 = NextEscalation(e, kRaised, 1);
  ASSERT_TRUE(s1.has_value());
  ASSERT_TRUE(s2.has_value());
  EXPECT_EQ(s1->due_at, kRaised + 1);
  EXPECT_EQ(s2->due_at, kRaised + 2);
}

// NextEscalation: roles.

TEST(NextEscalationTest, EscalationKGoesToRouteK) {
  Escalation e = Esc(10 * kMin, 5 * kMin, 0, kFourRoles);
  for (int done = 0; done < 3; ++done) {
    auto s = NextEscalation(e, kRaised, done);
    ASSERT_TRUE(s.has_value()) << "done=" << done;
    // Escalation done+1 goes to route[done+1]; route[0] got the alert.
    EXPECT_EQ(s->role, kFourRoles[done + 1]) << "done=" << done;
  }
}

TEST(NextEscalationTest, FirstEscalationSkipsTheAlertRecipient) {
  auto s = NextEscalation(Esc(kMin, kMin, 0, {"nurse", "charge"}), kRaised, 0);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->role, "charge");
}

TEST(NextEscalationTest, ExhaustedRouteRepeatsLastRole) {
  // Route of 3: escalation 1 -> [1] (below the end), 2 -> [2] (at the end),
  // 3 and later -> [2] (past the end).
  Escalation e = Esc(kMin, kMin, 0, {"a", "b", "c"});
  EXPECT_EQ(NextEscalation(e, kRaised, 0)->role, "b");
  EXPECT_EQ(NextEscalation(e, kRaised, 1)->role, "c");
  EXPECT_EQ(NextEscalation(e, kRaised, 2)->role, "c");
  EXPECT_EQ(NextEscalation(e, kRaised, 3)->role, "c");
  EXPECT_EQ(NextEscalation(e, kRaised, 50)->role, "c");
}

TEST(NextEscalationTest, RouteOfOneRoleEscalatesToThatRole) {
  Escalation e = Esc(kMin, kMin, 0, {"only"});
  for (int done : {0, 1, 2, 10}) {
    auto s = NextEscalation(e, kRaised, done);
    ASSERT_TRUE(s.has_value()) << "done=" << done;
    EXPECT_EQ(s->role, "only") << "done=" << done;
  }
}

// NextEscalation: how many.

TEST(NextEscalationTest, StopsAfterMaxEscalations) {
  Escalation e = Esc(10 * kMin, 5 * kMin, 3, kFourRoles);
  auto last = NextEscalation(e, kRaised, 2);  // escalation 3 of 3
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->number, 3);
  EXPECT_EQ(last->due_at, kRaised + 10 * kMin + 2 * 5 * kMin);
  EXPECT_FALSE(NextEscalation(e, kRaised, 3).has_value());
  EXPECT_FALSE(NextEscalation(e, kRaised, 4).has_value());
}

TEST(NextEscalationTest, MaxOneAllowsExactlyOne) {
  Escalation e = Esc(10 * kMin, 5 * kMin, 1, kFourRoles);
  auto first = NextEscalation(e, kRaised, 0);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->number, 1);
  EXPECT_FALSE(NextEscalation(e, kRaised, 1).has_value());
}

TEST(NextEscalationTest, MaxZeroIsUnbounded) {
  Escalation e = Esc(10 * kMin, 5 * kMin, 0, kFourRoles);
  auto s = NextEscalation(e, kRaised, 1000);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->number, 1001);
  EXPECT_EQ(s->due_at, kRaised + 10 * kMin + 1000 * 5 * kMin);
  EXPECT_EQ(s->role, "r3");
}

TEST(NextEscalationTest, RepeatZeroEscalatesOnce) {
  for (int max : {0, 1, 5}) {
    Escalation e = Esc(10 * kMin, 0, max, kFourRoles);
    auto first = NextEscalation(e, kRaised, 0);
    ASSERT_TRUE(first.has_value()) << "max=" << max;
    EXPECT_EQ(first->number, 1);
    EXPECT_EQ(first->due_at, kRaised + 10 * kMin);
    EXPECT_EQ(first->role, "r1");
    EXPECT_FALSE(NextEscalation(e, kRaised, 1).has_value()) << "max=" << max;
    EXPECT_FALSE(NextEscalation(e, kRaised, 2).has_value()) << "max=" << max;
  }
}

TEST(NextEscalationTest, AcknowledgeWithinZeroNeverEscalates) {
  for (int max : {0, 3}) {
    Escalation e = Esc(0, 5 * kMin, max, kFourRoles);
    EXPECT_FALSE(NextEscalation(e, kRaised, 0).has_value()) << "max=" << max;
    EXPECT_FALSE(NextEscalation(e, kRaised, 1).has_value()) << "max=" << max;
  }
}

TEST(NextEscalationTest, NegativeDoneHasNoEscalation) {
  Escalation e = Esc(10 * kMin, 5 * kMin, 0, kFourRoles);
  EXPECT_FALSE(NextEscalation(e, kRaised, -1).has_value());
  EXPECT_FALSE(NextEscalation(e, kRaised, -100).has_value());
  EXPECT_TRUE(NextEscalation(e, kRaised, 0).has_value());
}

// ---------------------------------------------------------------------------
// AlertPolicy::Defaults().

const std::vector<std::string> kDefaultRoute = {"primary nurse", "charge nurse",
                                                "oncology fellow on call",
                                                "attending oncologist"};

TEST(AlertPolicyDefaultsTest, GradeOneNeverEscalates) {
  AlertPolicy p = AlertPolicy::Defaults();
  EXPECT_EQ(p.by_grade[1].acknowledge_within_ms, 0);
  EXPECT_FALSE(NextEscalation(p.by_grade[1], kRaised, 0).has_value());
}

TEST(AlertPolicyDefaultsTest, GradeTwoAfterSixtyEveryThirtyThreeTimes) {
  AlertPolicy p = AlertPolicy::Defaults();
  const Escalation& e = p.by_grade[2];
  EXPECT_EQ(e.acknowledge_within_ms, 60 * kMin);
  EXPECT_EQ(e.repeat_every_ms, 30 * kMin);
  EXPECT_EQ(e.max_escalations, 3);
  EXPECT_EQ(e.route, kDefaultRoute);
  auto third = NextEscalation(e, kRaised, 2);
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->due_at, kRaised + 120 * kMin);
  EXPECT_EQ(third->role, "attending oncologist");
  EXPECT_FALSE(NextEscalation(e, kRaised, 3).has_value());
}

TEST(AlertPolicyDefaultsTest, GradeThreeAfterFifteenEveryFifteenFourTimes) {
  AlertPolicy p = AlertPolicy::Defaults();
  const Escalation& e = p.by_grade[3];
  EXPECT_EQ(e.acknowledge_within_ms, 15 * kMin);
  EXPECT_EQ(e.repeat_every_ms, 15 * kMin);
  EXPECT_EQ(e.max_escalations, 4);
  EXPECT_EQ(e.route, kDefaultRoute);
  auto first = NextEscalation(e, kRaised, 0);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->due_at, kRaised + 15 * kMin);
  EXPECT_EQ(first->role, "charge nurse");
  auto fourth = NextEscalation(e, kRaised, 3);
  ASSERT_TRUE(fourth.has_value());
  EXPECT_EQ(fourth->due_at, kRaised + 60 * kMin);
  EXPECT_FALSE(NextEscalation(e, kRaised, 4).has_value());
}

TEST(AlertPolicyDefaultsTest, GradesFourAndFiveAfterFiveEveryFiveSixTimes) {
  AlertPolicy p = AlertPolicy::Defaults();
  for (int grade : {4, 5}) {
    const Escalation& e = p.by_grade[grade];
    EXPECT_EQ(e.acknowledge_within_ms, 5 * kMin) << "grade " << grade;
    EXPECT_EQ(e.repeat_every_ms, 5 * kMin) << "grade " << grade;
    EXPECT_EQ(e.max_escalations, 6) << "grade " << grade;
    EXPECT_EQ(e.route, kDefaultRoute) << "grade " << grade;
    auto sixth = NextEscalation(e, kRaised, 5);
    ASSERT_TRUE(sixth.has_value()) << "grade " << grade;
    EXPECT_EQ(sixth->due_at, kRaised + 30 * kMin) << "grade " << grade;
    EXPECT_FALSE(NextEscalation(e, kRaised, 6).has_value())
        << "grade " << grade;
  }
}

TEST(AlertPolicyDefaultsTest, RouteHasFourRolesInOrder) {
  AlertPolicy p = AlertPolicy::Defaults();
  for (int grade = 1; grade <= 5; ++grade) {
    EXPECT_EQ(p.by_grade[grade].route, kDefaultRoute) << "grade " << grade;
  }
}

TEST(AlertPolicyDefaultsTest, ReAlertIntervalIsTwentyFourHours) {
  EXPECT_EQ(AlertPolicy::Defaults().realert_min_interval_ms, 24 * kHour);
}

// ---------------------------------------------------------------------------
// EscalationJson.

TEST(EscalationJsonTest, IsJsonObjectWithEveryField) {
  Escalation e = Esc(900000, 300000, 6, {"primary nurse", "charge nurse"});
  std::string json = EscalationJson(e);
  auto v = JsonReader(json).ReadAll();
  ASSERT_TRUE(v.has_value()) << json;
  ASSERT_EQ(v->kind, JsonValue::Kind::kObject) << json;

  const JsonValue* within = v->Find("acknowledge_within_ms");
  ASSERT_NE(within, nullptr) << json;
  EXPECT_EQ(within->kind, JsonValue::Kind::kNumber);
  EXPECT_EQ(within->text, "900000");
  const JsonValue* every = v->Find("repeat_every_ms");
  ASSERT_NE(every, nullptr) << json;
  EXPECT_EQ(every->kind, JsonValue::Kind::kNumber);
  EXPECT_EQ(every->text, "300000");
  const JsonValue* max = v->Find("max_escalations");
  ASSERT_NE(max, nullptr) << json;
  EXPECT_EQ(max->kind, JsonValue::Kind::kNumber);
  EXPECT_EQ(max->text, "6");
  const JsonValue* route = v->Find("route");
  ASSERT_NE(route, nullptr) << json;
  ASSERT_EQ(route->kind, JsonValue::Kind::kArray);
  ASSERT_EQ(route->items.size(), 2u);
  EXPECT_EQ(route->items[0].text, "primary nurse");
  EXPECT_EQ(route->items[1].text, "charge nurse");
}

TEST(EscalationJsonTest, ZerosAreWritten) {
  std::string json = EscalationJson(Esc(0, 0, 0, {"nurse"}));
  auto v = JsonReader(json).ReadAll();
  ASSERT_TRUE(v.has_value()) << json;
  for (const char* key :
       {"acknowledge_within_ms", "repeat_every_ms", "max_escalations"}) {
    const JsonValue* f = v->Find(key);
    ASSERT_NE(f, nullptr) << key << " in " << json;
    EXPECT_EQ(f->text, "0") << key;
  }
}

TEST(EscalationJsonTest, RolesAreQuotedAndEscaped) {
  std::vector<std::string> roles = {"the \"on call\" fellow", "back\\slash",
                                    "tab\tnew\nline", ""};
  std::string json = EscalationJson(Esc(kMin, kMin, 2, roles));
  auto v = JsonReader(json).ReadAll();
  ASSERT_TRUE(v.has_value()) << json;
  const JsonValue* route = v->Find("route");
  ASSERT_NE(route, nullptr) << json;
  ASSERT_EQ(route->items.size(), roles.size()) << json;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    EXPECT_EQ(route->items[i].kind, JsonValue::Kind::kString);
    EXPECT_EQ(route->items[i].text, roles[i]) << json;
  }
  EXPECT_NE(json.find(R"("the \"on call\" fellow")"), std::string::npos)
      << json;
}

TEST(EscalationJsonTest, DefaultsAreValidJson) {
  AlertPolicy p = AlertPolicy::Defaults();
  for (int grade = 1; grade <= 5; ++grade) {
    std::string json = EscalationJson(p.by_grade[grade]);
    auto v = JsonReader(json).ReadAll();
    ASSERT_TRUE(v.has_value()) << json;
    const JsonValue* route = v->Find("route");
    ASSERT_NE(route, nullptr) << json;
    EXPECT_EQ(route->items.size(), 4u) << json;
  }
}

// ---------------------------------------------------------------------------
// DecideRaise.

AlertPolicy PolicyWithInterval(std::int64_t interval_ms) {
  AlertPolicy p = AlertPolicy::Defaults();
  p.realert_min_interval_ms = interval_ms;
  return p;
}

std::vector<std::int64_t> Sorted(std::vector<std::int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(DecideRaiseTest, NoActiveAlertsRaises) {
  RaiseDecision d = DecideRaise(PolicyWithInterval(kHour), 3, kNow, {});
  EXPECT_FALSE(d.suppressed_by.has_value());
  EXPECT_TRUE(d.supersedes.empty());
}

TEST(DecideRaiseTest, HigherGradeIsRaisedAndSupersedesAll) {
  // Both active alerts are fresh (raised at now), yet the new grade is
  // above both.
  std::vector<ActiveAlert> active = {{11, 2, kNow}, {12, 3, kNow - 1}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(kHour), 4, kNow, active);
  EXPECT_FALSE(d.suppressed_by.has_value());
  EXPECT_EQ(Sorted(d.supersedes), (std::vector<std::int64_t>{11, 12}));
}

TEST(DecideRaiseTest, OneGradeAboveIsRaised) {
  std::vector<ActiveAlert> active = {{7, 2, kNow - kMin}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(kHour), 3, kNow, active);
  EXPECT_FALSE(d.suppressed_by.has_value());
  EXPECT_EQ(d.supersedes, (std::vector<std::int64_t>{7}));
}

TEST(DecideRaiseTest, SameGradeWithinIntervalIsSuppressed) {
  std::vector<ActiveAlert> active = {{7, 3, kNow - kMin}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(kHour), 3, kNow, active);
  ASSERT_TRUE(d.suppressed_by.has_value());
  EXPECT_EQ(*d.suppressed_by, 7);
  EXPECT_TRUE(d.supersedes.empty());
}

TEST(DecideRaiseTest, LowerGradeWithinIntervalIsSuppressed) {
  std::vector<ActiveAlert> active = {{7, 3, kNow - kMin}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(kHour), 2, kNow, active);
  ASSERT_TRUE(d.suppressed_by.has_value());
  EXPECT_EQ(*d.suppressed_by, 7);
  EXPECT_TRUE(d.supersedes.empty());
}

TEST(DecideRaiseTest, SuppressedJustInsideInterval) {
  const std::int64_t interval = kHour;
  std::vector<ActiveAlert> active = {{7, 3, kNow - (interval - 1)}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(interval), 3, kNow, active);
  ASSERT_TRUE(d.suppressed_by.has_value());
  EXPECT_EQ(*d.suppressed_by, 7);
}

TEST(DecideRaiseTest, RaisedWhenIntervalExactlyElapsed) {
  const std::int64_t interval = kHour;
  std::vector<ActiveAlert> active = {{7, 3, kNow - interval}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(interval), 3, kNow, active);
  EXPECT_FALSE(d.suppressed_by.has_value());
  EXPECT_EQ(d.supersedes, (std::vector<std::int64_t>{7}));
}

TEST(DecideRaiseTest, RaisedWhenIntervalLongElapsed) {
  const std::int64_t interval = kHour;
  std::vector<ActiveAlert> active = {{7, 3, kNow - (interval + 1)}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(interval), 3, kNow, active);
  EXPECT_FALSE(d.suppressed_by.has_value());
  EXPECT_EQ(d.supersedes, (std::vector<std::int64_t>{7}));
}

TEST(DecideRaiseTest, DefaultIntervalBoundaryIsTwentyFourHours) {
  AlertPolicy p = AlertPolicy::Defaults();
  std::vector<ActiveAlert> inside = {{7, 2, kNow - (24 * kHour - 1)}};
  EXPECT_TRUE(DecideRaise(p, 2, kNow, inside).suppressed_by.has_value());
  std::vector<ActiveAlert> at = {{7, 2, kNow - 24 * kHour}};
  EXPECT_FALSE(DecideRaise(p, 2, kNow, at).suppressed_by.has_value());
}

TEST(DecideRaiseTest, ZeroIntervalNeverSuppresses) {
  std::vector<ActiveAlert> active = {{7, 5, kNow}, {8, 3, kNow}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(0), 3, kNow, active);
  EXPECT_FALSE(d.suppressed_by.has_value());
  // Supersedes the grade-3 alert, not the grade-5 one.
  EXPECT_EQ(d.supersedes, (std::vector<std::int64_t>{8}));
}

TEST(DecideRaiseTest, ZeroIntervalLowestGradeSupersedesNothingHigher) {
  std::vector<ActiveAlert> active = {{7, 5, kNow}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(0), 1, kNow, active);
  EXPECT_FALSE(d.suppressed_by.has_value());
  EXPECT_TRUE(d.supersedes.empty());
}

TEST(DecideRaiseTest, SupersedesOnlyGradesNoHigher) {
  // Every active alert is older than the interval, so nothing suppresses.
  const UnixMillis old = kNow - 2 * kHour;
  std::vector<ActiveAlert> active = {
      {1, 2, old}, {2, 3, old}, {3, 4, old}, {4, 5, old}, {5, 1, old}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(kHour), 3, kNow, active);
  EXPECT_FALSE(d.suppressed_by.has_value());
  EXPECT_EQ(Sorted(d.supersedes), (std::vector<std::int64_t>{1, 2, 5}));
}

TEST(DecideRaiseTest, HigherGradeFreshAlertSuppressesLowerOne) {
  // A fresh grade-4 alert covers a new grade 3 even if an older grade-3 one
  // is out of the interval.
  std::vector<ActiveAlert> active = {{1, 3, kNow - 2 * kHour},
                                     {2, 4, kNow - kMin}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(kHour), 3, kNow, active);
  ASSERT_TRUE(d.suppressed_by.has_value());
  EXPECT_EQ(*d.suppressed_by, 2);
}

TEST(DecideRaiseTest, SuppressingAlertIsTheNewestCovering) {
  std::vector<ActiveAlert> active = {
      {1, 3, kNow - 50 * kMin},
      {2, 4, kNow - 10 * kMin},  // newest covering
      {3, 5, kNow - 30 * kMin},
      {4, 2, kNow - 1 * kMin},  // newer, but a lower grade: not covering
  };
  RaiseDecision d = DecideRaise(PolicyWithInterval(kHour), 3, kNow, active);
  ASSERT_TRUE(d.suppressed_by.has_value());
  EXPECT_EQ(*d.suppressed_by, 2);
}

TEST(DecideRaiseTest, NewestCoveringDoesNotDependOnOrder) {
  std::vector<ActiveAlert> active = {{2, 3, kNow - 1}, {1, 3, kNow - 2}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(kHour), 3, kNow, active);
  ASSERT_TRUE(d.suppressed_by.has_value());
  EXPECT_EQ(*d.suppressed_by, 2);
  std::reverse(active.begin(), active.end());
  d = DecideRaise(PolicyWithInterval(kHour), 3, kNow, active);
  ASSERT_TRUE(d.suppressed_by.has_value());
  EXPECT_EQ(*d.suppressed_by, 2);
}

TEST(DecideRaiseTest, SuppressionReasonNamesTheAlert) {
  std::vector<ActiveAlert> active = {{987654, 4, kNow - kMin}};
  RaiseDecision d = DecideRaise(PolicyWithInterval(kHour), 3, kNow, active);
  ASSERT_TRUE(d.suppressed_by.has_value());
  EXPECT_FALSE(d.reason.empty());
  EXPECT_NE(d.reason.find("987654"), std::string::npos) << d.reason;
}

// Consumer lag: "stalled" is strictly longer than the maximum lag; the lag is
// the age of the oldest unconfirmed event.
ConsumerProgress Progress(std::int64_t position, std::int64_t newest,
                          std::optional<UnixMillis> oldest,
                          bool stalled = false) {
  ConsumerProgress p;
  p.position = position;
  p.newest_event = newest;
  p.oldest_unconfirmed_at = oldest;
  p.stalled = stalled;
  return p;
}

TEST(ConsumerLagTest, LagIsEventsBehindAndTheAgeOfTheOldest) {
  const ConsumerLag lag = LagOf(Progress(3, 10, kNow - 90 * 1000), kNow);
  EXPECT_EQ(lag.events, 7);
  EXPECT_EQ(lag.ms, 90 * 1000);
  const ConsumerLag none = LagOf(Progress(10, 10, std::nullopt), kNow);
  EXPECT_EQ(none.events, 0);
  EXPECT_EQ(none.ms, 0);
  // A clock behind the event never gives a negative lag.
  EXPECT_EQ(LagOf(Progress(3, 4, kNow + 5), kNow).ms, 0);
}

TEST(ConsumerLagTest, LagCountsFromTheConsumersLastProgressWhenLater) {
  // A consumer registered a minute ago on a feed whose oldest event is a
  // day old has kept it waiting for a minute, not a day.
  ConsumerProgress p = Progress(0, 10, kNow - 24 * 60 * kMin);
  p.last_progress_at = kNow - kMin;
  EXPECT_EQ(LagOf(p, kNow).ms, kMin);
  EXPECT_EQ(DecideConsumerChange(p, kNow, 5 * kMin), ConsumerChange::kNone);
  // Its own last move, 5 min + 1 ms ago: stalled, just above the maximum.
  p.last_progress_at = kNow - 5 * kMin - 1;
  EXPECT_EQ(DecideConsumerChange(p, kNow, 5 * kMin), ConsumerChange::kStalled);
  p.last_progress_at = kNow - 5 * kMin;
  EXPECT_EQ(DecideConsumerChange(p, kNow, 5 * kMin), ConsumerChange::kNone);
  // An event newer than the last progress counts from the event.
  p = Progress(3, 4, kNow - 2 * kMin);
  p.last_progress_at = kNow - 60 * kMin;
  EXPECT_EQ(LagOf(p, kNow).ms, 2 * kMin);
}

TEST(ConsumerLagTest, StalledJustAboveTheMaximumNotAtIt) {
  const std::int64_t max = 5 * kMin;
  EXPECT_EQ(DecideConsumerChange(Progress(0, 1, kNow - max + 1), kNow, max),
            ConsumerChange::kNone);
  EXPECT_EQ(DecideConsumerChange(Progress(0, 1, kNow - max), kNow, max),
            ConsumerChange::kNone);
  EXPECT_EQ(DecideConsumerChange(Progress(0, 1, kNow - max - 1), kNow, max),
            ConsumerChange::kStalled);
}

TEST(ConsumerLagTest, StalledOnceThenRecoveredWhenBackWithinTheMaximum) {
  const std::int64_t max = 5 * kMin;
  // Already marked: no second stall event.
  EXPECT_EQ(
      DecideConsumerChange(Progress(0, 9, kNow - 2 * max, true), kNow, max),
      ConsumerChange::kNone);
  // Caught up, or behind by less than the maximum: recovered.
  EXPECT_EQ(DecideConsumerChange(Progress(9, 9, std::nullopt, true), kNow, max),
            ConsumerChange::kRecovered);
  EXPECT_EQ(DecideConsumerChange(Progress(8, 9, kNow - max, true), kNow, max),
            ConsumerChange::kRecovered);
  EXPECT_EQ(
      DecideConsumerChange(Progress(8, 9, kNow - max - 1, true), kNow, max),
      ConsumerChange::kNone);
}

TEST(ConsumerLagTest, ZeroMaximumNeverStallsAndReleasesAStalledConsumer) {
  EXPECT_EQ(
      DecideConsumerChange(Progress(0, 9, kNow - 24 * 60 * kMin), kNow, 0),
      ConsumerChange::kNone);
  EXPECT_EQ(DecideConsumerChange(Progress(0, 9, kNow - 24 * 60 * kMin, true),
                                 kNow, 0),
            ConsumerChange::kRecovered);
}

TEST(ConsumerLagTest, PerConsumerMaximumOverridesTheDefault) {
  AlertPolicy p = AlertPolicy::Defaults();
  EXPECT_EQ(p.MaxLagFor("pager"), 5 * kMin);
  p.consumer_max_lag_by_name["archive"] = 0;
  EXPECT_EQ(p.MaxLagFor("archive"), 0);
  EXPECT_EQ(p.MaxLagFor("pager"), 5 * kMin);
}

}  // namespace
}  // namespace iraed::alerts
