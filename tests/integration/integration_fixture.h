// File: tests/integration/integration_fixture.h
//
// A running iraed on port 0 with a fresh database file, and helpers to talk
// to it and to read what it stored.
#ifndef IRAED_TESTS_INTEGRATION_INTEGRATION_FIXTURE_H_
#define IRAED_TESTS_INTEGRATION_INTEGRATION_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/sqlite_db.h"
#include "support/daemon_process.h"
#include "support/proto_client.h"
#include "support/sql_count.h"

namespace iraed::testing {

class DaemonTest : public ::testing::Test {
 protected:
  // The database the daemon is started on; tests may change it first.
  const std::string& db_path() const { return db_path_; }

  // Starts the daemon on db_path() with `extra` arguments.
  void StartDaemon(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--db", db_path()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto d = DaemonProcess::Start(dir_.path(), args);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    daemon_ = std::move(d).value();
  }

  std::unique_ptr<ProtoClient> Connect() {
    auto c = ProtoClient::Connect(daemon_->port());
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }

  // Sends one envelope and returns its ack.
  iraed::v1::Ack RoundTrip(ProtoClient& c, const iraed::v1::Envelope& env) {
    EXPECT_TRUE(c.Send(env).ok());
    auto ack = c.ReadAck();
    EXPECT_TRUE(ack.ok()) << ack.status().ToString();
    return ack.ok() ? *ack : iraed::v1::Ack();
  }

  // Runs a single-integer query on the database (read-only).
  std::int64_t Count(const std::string& sql) {
    return QueryCount(db_path(), sql);
  }

  TempDir dir_;
  std::string db_path_ = dir_.File("iraed.db");
  std::unique_ptr<DaemonProcess> daemon_;
};

}  // namespace iraed::testing

#endif  // IRAED_TESTS_INTEGRATION_INTEGRATION_FIXTURE_H_
