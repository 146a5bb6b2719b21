// File: tests/support/store_fixture.h
//
// A MessageStore on a real SQLite file in a fresh temporary folder, with
// helpers to file one envelope per transaction and count rows.
#ifndef IRAED_TESTS_SUPPORT_STORE_FIXTURE_H_
#define IRAED_TESTS_SUPPORT_STORE_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "iraed/v1/ingest.pb.h"
#include "store/message_store.h"
#include "support/daemon_process.h"
#include "support/sql_count.h"
#include "support/submissions.h"

namespace iraed::testing {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(grading::GradingOptions{}); }

  // (Re)opens the store on the same file with `grading`.
  void Open(grading::GradingOptions grading) {
    store_.reset();
    store::StoreOptions o;
    o.path = dir_.File("iraed.db");
    o.grading = std::move(grading);
    o.audit_key = audit_key_;
    auto s = store::MessageStore::Open(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  // Files `env` in a transaction of its own; it must be accepted.
  void File(const iraed::v1::Envelope& env) {
    ASSERT_TRUE(store_->Begin().ok());
    auto outcome = store_->Apply(SubmissionFor(env));
    ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
    ASSERT_EQ(outcome->disposition, model::Disposition::kAccepted)
        << outcome->reason;
    ASSERT_TRUE(store_->Commit().ok());
  }

  std::int64_t Count(const std::string& sql) {
    return QueryCount(store_->db(), sql);
  }

  TempDir dir_;
  // The audit key Open() gives the store (none by default).
  std::optional<auth::AuditKey> audit_key_;
  std::unique_ptr<store::MessageStore> store_;
};

}  // namespace iraed::testing

#endif  // IRAED_TESTS_SUPPORT_STORE_FIXTURE_H_
