// The OpenSSL C API behind `roost cert self-signed`.

#include "self_signed.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

#include <memory>

namespace roost::app {

namespace {

template <class T, void (*Free)(T*)>
struct freer {
  void operator()(T* p) const { Free(p); }
};
using key_ptr = std::unique_ptr<EVP_PKEY, freer<EVP_PKEY, EVP_PKEY_free>>;
using cert_ptr = std::unique_ptr<X509, freer<X509, X509_free>>;
using bio_ptr = std::unique_ptr<BIO, freer<BIO, BIO_free_all>>;

// What failed, with OpenSSL's last reason.
std::string openssl_error(std::string_view what) {
  std::string out(what);
  if (const unsigned long e = ERR_get_error(); e != 0) {
    char text[256];
    ERR_error_string_n(e, text, sizeof text);
    out += ": ";
    out += text;
  }
  ERR_clear_error();
  return out;
}

bool is_address(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

// The subject alternative names for `hosts`: "DNS:localhost,IP:127.0.0.1".
std::string alt_names(const std::vector<std::string>& hosts) {
  std::string out;
  for (const auto& h : hosts) out += (out.empty() ? "" : ",") + std::string(is_address(h) ? "IP:" : "DNS:") + h;
  return out;
}

key_ptr make_key() { return key_ptr(EVP_EC_gen("P-256")); }

bool set_name(X509_NAME* name, const std::string& common_name) {
  return X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Roost"), -1, -1,
                                    0) == 1 &&
         X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0) == 1;
}

bool add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) return false;
  const bool added = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return added;
}

// A certificate for `key` named `common_name`, with `extensions` (nid, value), signed by
// `issuer_key` as `issuer` (null: self-signed).
result<cert_ptr, std::string> make_certificate(EVP_PKEY* key, const std::string& common_name, int days,
                                               X509* issuer, EVP_PKEY* issuer_key,
                                               const std::vector<std::pair<int, std::string>>& extensions) {
  cert_ptr cert(X509_new());
  if (!cert) return fail(openssl_error("certificate"));
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return fail(openssl_error("serial number"));
  serial[0] &= 0x7f;  // positive
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  const bool serial_set = bn != nullptr && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr;
  BN_free(bn);
  const long seconds = static_cast<long>(days) * 24 * 60 * 60;
  const bool ok = serial_set && X509_set_version(cert.get(), 2) == 1 &&
                  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60 * 60) != nullptr &&
                  X509_gmtime_adj(X509_getm_notAfter(cert.get()), seconds) != nullptr &&
                  X509_set_pubkey(cert.get(), key) == 1 && set_name(X509_get_subject_name(cert.get()), common_name);
  if (!ok) return fail(openssl_error("certificate " + common_name));
  X509* signer = issuer != nullptr ? issuer : cert.get();
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) != 1) {
    return fail(openssl_error("certificate " + common_name));
  }
  for (const auto& [nid, value] : extensions) {
    if (!add_extension(cert.get(), signer, nid, value)) {
      return fail(openssl_error("certificate " + common_name + ": extension " + value));
    }
  }
  if (X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : key, EVP_sha256()) == 0) {
    return fail(openssl_error("signing " + common_name));
  }
  return cert;
}

// The BIO's contents as a string.
std::string drain(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string{};
}

result<pem_pair, std::string> to_pem(X509* cert, EVP_PKEY* key) {
  bio_ptr c(BIO_new(BIO_s_mem()));
  bio_ptr k(BIO_new(BIO_s_mem()));
  if (!c || !k || PEM_write_bio_X509(c.get(), cert) != 1 ||
      PEM_write_bio_PrivateKey(k.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return fail(openssl_error("PEM encoding"));
  }
  return pem_pair{drain(c.get()), drain(k.get())};
}

}  // namespace

result<self_signed_set, std::string> make_self_signed(const self_signed_request& request) {
  if (request.hosts.empty()) return fail(std::string("at least one host is needed"));
  for (const auto& h : request.hosts) {
    if (h.empty() || h.find_first_of(", \t") != std::string::npos) {
      return fail("not a host name or address: '" + h + "'");
    }
  }
  if (request.days <= 0) return fail(std::string("days must be positive"));

  key_ptr ca_key = make_key();
  key_ptr server_key = make_key();
  if (!ca_key || !server_key) return fail(openssl_error("key generation"));
  auto ca = make_certificate(ca_key.get(), "Roost self-signed CA", request.days, nullptr, nullptr,
                             {{NID_basic_constraints, "critical,CA:TRUE"},
                              {NID_key_usage, "critical,keyCertSign,cRLSign"},
                              {NID_subject_key_identifier, "hash"},
                              {NID_authority_key_identifier, "keyid:always"}});
  if (!ca) return fail(ca.error());
  auto server = make_certificate(server_key.get(), request.hosts.front(), request.days, ca->get(), ca_key.get(),
                                 {{NID_basic_constraints, "critical,CA:FALSE"},
                                  {NID_key_usage, "critical,digitalSignature,keyAgreement"},
                                  {NID_ext_key_usage, "serverAuth"},
                                  {NID_subject_alt_name, alt_names(request.hosts)},
                                  {NID_subject_key_identifier, "hash"},
                                  {NID_authority_key_identifier, "keyid:always"}});
  if (!server) return fail(server.error());

  self_signed_set out;
  auto ca_pem = to_pem(ca->get(), ca_key.get());
  auto server_pem = to_pem(server->get(), server_key.get());
  if (!ca_pem) return fail(ca_pem.error());
  if (!server_pem) return fail(server_pem.error());
  out.ca = std::move(*ca_pem);
  out.server = std::move(*server_pem);

  if (!request.client_name.empty()) {
    key_ptr client_key = make_key();
    if (!client_key) return fail(openssl_error("key generation"));
    auto client = make_certificate(client_key.get(), request.client_name, request.days, ca->get(), ca_key.get(),
                                   {{NID_basic_constraints, "critical,CA:FALSE"},
                                    {NID_key_usage, "critical,digitalSignature,keyAgreement"},
                                    {NID_ext_key_usage, "clientAuth"},
                                    {NID_subject_key_identifier, "hash"},
                                    {NID_authority_key_identifier, "keyid:always"}});
    if (!client) return fail(client.error());
    auto client_pem = to_pem(client->get(), client_key.get());
    if (!client_pem) return fail(client_pem.error());
    out.client = std::move(*client_pem);
  }
  return out;
}

}  // namespace roost::app
