#include "support/sql_count.h"

#include <gtest/gtest.h>

namespace iraed::testing {

std::int64_t QueryCount(store::Database& db, const std::string& sql) {
  auto n = db.QueryInt(sql);
  EXPECT_TRUE(n.ok()) << sql << ": " << n.status().ToString();
  return n.ok() ? *n : -1;
}

std::int64_t QueryCount(const std::string& path, const std::string& sql) {
  auto db = store::Database::Open(path, store::Database::Mode::kReadOnly);
  EXPECT_TRUE(db.ok()) << path << ": " << db.status().ToString();
  return db.ok() ? QueryCount(*db, sql) : -1;
}

}  // namespace iraed::testing
