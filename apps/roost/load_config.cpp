#include "load_config.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

namespace roost::app {

namespace {

// "file:line:column: " when toml++ knows where, "file: " otherwise.
std::string where(std::string_view source, const toml::source_region& region) {
  std::string out(source);
  if (region.begin.line != 0) {
    out += ":" + std::to_string(region.begin.line) + ":" + std::to_string(region.begin.column);
  }
  return out + ": ";
}

// "a string", "a table", ... for "expected an integer, got a string".
std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date or time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

// The node as the key's kind, or nothing when it is another type.
std::optional<raw_value> as_raw(const toml::node& node, value_kind kind) {
  switch (kind) {
    case value_kind::integer:
      if (const auto* v = node.as_integer()) return raw_value{v->get()};
      break;
    case value_kind::boolean:
      if (const auto* v = node.as_boolean()) return raw_value{v->get()};
      break;
    case value_kind::string:
      if (const auto* v = node.as_string()) return raw_value{v->get()};
      break;
  }
  return std::nullopt;
}

// Applies every entry of `table`, whose keys are under `prefix` ("" for the root). Stops at the
// first error and returns it with its location.
std::optional<std::string> apply_table(serve_config& c, const toml::table& table, const std::string& prefix,
                                       std::string_view source) {
  for (const auto& [name, node] : table) {
    const std::string path = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());

    if (const auto* key = find_key(path)) {
      const auto raw = as_raw(node, key->kind);
      if (!raw) {
        return where(source, node.source()) + path + ": expected " + std::string(kind_name(key->kind)) + ", got " +
               std::string(type_name(node));
      }
      if (auto error = key->apply(c, *raw)) return where(source, node.source()) + path + ": " + *error;
      continue;
    }
    if (is_section(path)) {
      const auto* sub = node.as_table();
      if (sub == nullptr) return where(source, node.source()) + path + ": expected a table ([" + path + "])";
      if (auto error = apply_table(c, *sub, path, source)) return error;
      continue;
    }
    return where(source, name.source()) + "unknown key '" + path + "'";
  }
  return std::nullopt;
}

}  // namespace

result<serve_config, std::string> apply_toml(serve_config base, std::string_view text, std::string_view source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return fail(where(source, e.source()) + std::string(e.description()));
  }
  if (auto error = apply_table(base, root, "", source)) return fail(*error);
  return base;
}

result<serve_config, std::string> apply_flags(serve_config base, const std::vector<flag_value>& flags) {
  for (const auto& f : flags) {
    if (auto error = apply_text(base, *f.key, f.text)) return fail(std::string(f.key->flag) + ": " + *error);
  }
  return base;
}

result<serve_config, std::string> load_serve_config(const std::optional<std::filesystem::path>& config_file,
                                                    const std::vector<flag_value>& flags) {
  serve_config config = default_serve_config();
  if (config_file) {
    std::ifstream in(*config_file, std::ios::binary);
    if (!in) return fail(config_file->string() + ": cannot read the configuration file: " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    auto from_file = apply_toml(std::move(config), text.str(), config_file->string());
    if (!from_file) return from_file;
    config = std::move(*from_file);
  }
  return apply_flags(std::move(config), flags);
}

}  // namespace roost::app
