// File: tests/support/hl7_samples.h
//
// The public HL7 v2 sample messages in ../shared/samples/hl7/ (read by
// path, never copied into the project; empty when the folder is absent),
// split into messages, with MSH fields read independently of the daemon's
// parser.
#ifndef IRAED_TESTS_SUPPORT_HL7_SAMPLES_H_
#define IRAED_TESTS_SUPPORT_HL7_SAMPLES_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iraed::testing {

std::filesystem::path SampleDir();
// File names (*.hl7), sorted; empty when the folder is absent.
std::vector<std::string> SampleFiles();
std::string ReadSample(const std::filesystem::path& p);
// Messages of a file: a message starts at a line beginning with "MSH";
// batch envelope lines (FHS BHS BTS FTS) and anything before the first MSH
// are dropped. Lines keep their original terminators (CR, LF, CRLF).
std::vector<std::string> SplitMessages(std::string text);
// MSH-n read straight from the first line (MSH-n is part n-1 of a split
// on the character after "MSH").
std::string MshField(std::string_view message, int n);
// (MSH-9.1, MSH-9.2).
std::pair<std::string, std::string> MessageType(std::string_view message);

}  // namespace iraed::testing

#endif  // IRAED_TESTS_SUPPORT_HL7_SAMPLES_H_
