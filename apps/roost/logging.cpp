#include "logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "roost/base/log.hpp"

namespace roost::app {

namespace {

spdlog::level::level_enum to_spdlog(log_level level) {
  switch (level) {
    case log_level::trace:
      return spdlog::level::trace;
    case log_level::debug:
      return spdlog::level::debug;
    case log_level::info:
      return spdlog::level::info;
    case log_level::warn:
      return spdlog::level::warn;
    case log_level::error:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

roost::log::level to_roost(log_level level) {
  switch (level) {
    case log_level::trace:
      return roost::log::level::trace;
    case log_level::debug:
      return roost::log::level::debug;
    case log_level::info:
      return roost::log::level::info;
    case log_level::warn:
      return roost::log::level::warn;
    case log_level::error:
      return roost::log::level::error;
  }
  return roost::log::level::info;
}

// The sink of the Sans-I/O modules' log (roost/base/log.hpp): their messages join ours.
void write_module_log(roost::log::level level, std::string_view text) {
  auto spd = spdlog::level::info;
  switch (level) {
    case roost::log::level::trace:
      spd = spdlog::level::trace;
      break;
    case roost::log::level::debug:
      spd = spdlog::level::debug;
      break;
    case roost::log::level::info:
      spd = spdlog::level::info;
      break;
    case roost::log::level::warn:
      spd = spdlog::level::warn;
      break;
    case roost::log::level::error:
      spd = spdlog::level::err;
      break;
    case roost::log::level::off:
      return;
  }
  spdlog::default_logger_raw()->log(spd, "{}", text);
}

}  // namespace

void setup_logging(log_level level) {
  auto logger = spdlog::stderr_color_mt("roost");
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
  logger->set_level(to_spdlog(level));
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
  roost::log::set_sink(write_module_log, to_roost(level));
}

}  // namespace roost::app
