// File: schema/migrations.h
//
// The numbered SQL migrations in schema/, embedded at build time. Migration
// N (file NNNN_name.sql) moves a database from PRAGMA user_version N-1 to N.
// Versions are dense and start at 1; the build fails otherwise.
#ifndef IRAED_SCHEMA_MIGRATIONS_H_
#define IRAED_SCHEMA_MIGRATIONS_H_

#include <span>
#include <string_view>

namespace iraed::schema {

struct Migration {
  int version;            // NNNN from the file name
  std::string_view name;  // file name, for logs
  std::string_view sql;   // the whole file
};

// All migrations in ascending version order.
std::span<const Migration> Migrations();

}  // namespace iraed::schema

#endif  // IRAED_SCHEMA_MIGRATIONS_H_
