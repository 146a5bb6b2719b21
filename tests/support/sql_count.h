// File: tests/support/sql_count.h
//
// Reads one integer (a count, a grade) from a database in a test.
#ifndef IRAED_TESTS_SUPPORT_SQL_COUNT_H_
#define IRAED_TESTS_SUPPORT_SQL_COUNT_H_

#include <cstdint>
#include <string>

#include "store/sqlite_db.h"

namespace iraed::testing {

// The first column of the first row of `sql`; a failed query is a test
// failure and returns -1.
std::int64_t QueryCount(store::Database& db, const std::string& sql);

// The same on `path`, opened read-only for this query.
std::int64_t QueryCount(const std::string& path, const std::string& sql);

}  // namespace iraed::testing

#endif  // IRAED_TESTS_SUPPORT_SQL_COUNT_H_
