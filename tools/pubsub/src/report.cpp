// Messages on stderr.

#include "report.hpp"

#include <cstdio>
#include <string>

namespace roost::tools {

namespace {

void print_line(std::string_view prefix, std::string_view text) {
  std::fprintf(stderr, "%.*s%.*s\n", static_cast<int>(prefix.size()), prefix.data(),
               static_cast<int>(text.size()), text.data());
  std::fflush(stderr);
}

}  // namespace

void reporter::error(std::string_view text) const {
  if (!_quiet) print_line("Error: ", text);
}

void reporter::line(std::string_view text) const {
  if (!_quiet) print_line("", text);
}

void reporter::debug(std::string_view text) const {
  if (_debug) print_line("", text);
}

bool accept_options(const reporter& report, const std::optional<std::string>& problem,
                    const connect_options& conn, std::string_view command) {
  if (problem) {
    report.error(*problem);
    report.line("Use 'roost " + std::string(command) + " --help' to see usage.");
    return false;
  }
  for (const auto& w : option_warnings(conn)) report.line(w);
  return true;
}

}  // namespace roost::tools
