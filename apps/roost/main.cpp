// roost: the broker (`roost serve`), its tools (`roost passwd`, `roost tenant`, `roost cert`) and the device-side
// clients (`roost pub`, `roost sub`, `roost sim`, `roost bench`).

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cmd_cert.hpp"
#include "cmd_passwd.hpp"
#include "cmd_serve.hpp"
#include "cmd_tenant.hpp"
#include "roost/tools/bench.hpp"
#include "roost/tools/pubsub.hpp"
#include "roost/tools/sim.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Roost: an MQTT broker", "roost"};
  app.set_version_flag("--version", "roost " ROOST_VERSION);
  app.require_subcommand(1);
  add_serve_command(app);
  add_passwd_command(app);
  add_tenant_command(app);
  add_cert_command(app);
  roost::tools::add_pub_command(app);
  roost::tools::add_sub_command(app);
  roost::tools::add_sim_command(app);
  roost::tools::add_bench_command(app);
  try {
    CLI11_PARSE(app, argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "roost: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
