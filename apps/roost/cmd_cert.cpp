// `roost cert self-signed`: the terminal and the files around make_self_signed().

#include "cmd_cert.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "self_signed.hpp"

namespace {

namespace fs = std::filesystem;

struct cert_options {
  std::string out = "roost-certs";
  std::vector<std::string> hosts;
  int days = 365;
  std::string client;
  bool force = false;
};

[[noreturn]] void stop(const std::string& reason) {
  std::cerr << "roost cert: " << reason << "\n";
  throw CLI::RuntimeError(1);
}

// Writes `text` to `path` with `mode` (also when the file existed with another mode).
void write_file(const fs::path& path, const std::string& text, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) stop(path.string() + ": " + std::strerror(errno));
  bool ok = ::fchmod(fd, mode) == 0;
  std::size_t done = 0;
  while (ok && done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  const int saved = errno;
  if (::close(fd) != 0 && ok) ok = false;
  if (!ok) stop(path.string() + ": " + std::strerror(saved != 0 ? saved : errno));
}

void run_self_signed(const cert_options& o) {
  roost::app::self_signed_request request;
  if (!o.hosts.empty()) request.hosts = o.hosts;
  request.days = o.days;
  request.client_name = o.client;

  const fs::path dir = o.out;
  struct output {
    std::string name;
    const std::string* text;
    mode_t mode;
  };
  auto made = roost::app::make_self_signed(request);
  if (!made) stop(made.error());
  std::vector<output> files{{"ca.crt", &made->ca.certificate, 0644},
                            {"ca.key", &made->ca.key, 0600},
                            {"server.crt", &made->server.certificate, 0644},
                            {"server.key", &made->server.key, 0600}};
  if (!o.client.empty()) {
    files.push_back({"client.crt", &made->client.certificate, 0644});
    files.push_back({"client.key", &made->client.key, 0600});
  }

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) stop(dir.string() + ": " + ec.message());
  if (!o.force) {
    for (const auto& f : files) {
      if (fs::exists(dir / f.name, ec)) stop((dir / f.name).string() + " exists (--force replaces it)");
    }
  }
  for (const auto& f : files) {
    write_file(dir / f.name, *f.text, f.mode);
    std::cout << "wrote " << (dir / f.name).string() << "\n";
  }

  const std::string d = dir.string();
  std::cout << "\nServer certificate for";
  for (const auto& h : request.hosts) std::cout << " " << h;
  std::cout << ", valid " << o.days << " days, signed by the CA in " << d << "/ca.crt.\n"
            << "Serve TLS (mqtts on 8883, the device cloud's TLS MQTT on 9503, https and wss on 9504) with:\n"
            << "  roost serve --tls-cert " << d << "/server.crt --tls-key " << d << "/server.key\n"
            << "or in the configuration file:\n"
            << "  [tls]\n  cert_file = \"" << d << "/server.crt\"\n  key_file = \"" << d << "/server.key\"\n";
  if (!o.client.empty()) {
    std::cout << "Client certificates (CN " << o.client << ") are checked against the CA with:\n"
              << "  --tls-ca " << d << "/ca.crt --tls-client-certs require [--tls-identity-as-username]\n";
  }
  std::cout << "Clients trust the server with the CA: mosquitto_sub --cafile " << d
            << "/ca.crt -h localhost -p 8883 -t '#'\n";
}

}  // namespace

void add_cert_command(CLI::App& app) {
  auto* cert = app.add_subcommand("cert", "make certificates for TLS");
  cert->require_subcommand(1);
  auto options = std::make_shared<cert_options>();
  auto* self_signed = cert->add_subcommand(
      "self-signed", "make a CA and a server certificate it signs (and optionally a client certificate), for trying TLS");
  self_signed->add_option("--out", options->out, "directory to write ca.crt, ca.key, server.crt, server.key to")
      ->capture_default_str();
  self_signed->add_option("--host", options->hosts,
                          "host name or IP address the server certificate is valid for (repeatable; default "
                          "localhost and 127.0.0.1)");
  self_signed->add_option("--days", options->days, "validity in days")->capture_default_str()->check(
      CLI::Range(1, 36500));
  self_signed->add_option("--client", options->client, "also make client.crt/client.key with this CN");
  self_signed->add_flag("--force", options->force, "replace existing files");
  self_signed->callback([options] { run_self_signed(*options); });
}
