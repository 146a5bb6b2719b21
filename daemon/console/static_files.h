// File: console/static_files.h
//
// The console's stylesheet and script (daemon/console/static/), embedded
// at build time and served under /static/NAME.
#ifndef IRAED_CONSOLE_STATIC_FILES_H_
#define IRAED_CONSOLE_STATIC_FILES_H_

#include <span>
#include <string_view>

namespace iraed::console {

struct StaticFile {
  std::string_view name;  // "console.css"
  std::string_view content_type;
  std::string_view text;
};

std::span<const StaticFile> StaticFiles();

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_STATIC_FILES_H_
