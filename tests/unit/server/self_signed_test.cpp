// `roost cert self-signed`'s certificates, parsed back with OpenSSL: the server certificate names
// the hosts asked for (SAN), the CA signed it, and the client certificate has its CN.

#include "self_signed.hpp"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

namespace {

using roost::app::make_self_signed;
using roost::app::self_signed_request;

struct x509_free {
  void operator()(X509* x) const { X509_free(x); }
};
using cert_ptr = std::unique_ptr<X509, x509_free>;

cert_ptr parse_certificate(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  cert_ptr cert(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return cert;
}

bool key_parses(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  const bool ok = key != nullptr;
  EVP_PKEY_free(key);
  return ok;
}

bool signed_by(X509* cert, X509* issuer) {
  EVP_PKEY* key = X509_get0_pubkey(issuer);
  return key != nullptr && X509_verify(cert, key) == 1;
}

std::string common_name(X509* cert) {
  char buffer[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, buffer, sizeof buffer);
  return buffer;
}

TEST(self_signed, the_ca_signs_a_server_certificate_for_the_default_hosts) {
  auto set = make_self_signed({});
  ASSERT_TRUE(set) << set.error();
  auto ca = parse_certificate(set->ca.certificate);
  auto server = parse_certificate(set->server.certificate);
  ASSERT_TRUE(ca && server);
  EXPECT_TRUE(key_parses(set->ca.key));
  EXPECT_TRUE(key_parses(set->server.key));
  EXPECT_TRUE(signed_by(ca.get(), ca.get()));
  EXPECT_TRUE(signed_by(server.get(), ca.get()));
  EXPECT_EQ(X509_check_ca(ca.get()), 1);
  EXPECT_EQ(X509_check_ca(server.get()), 0);
  // Subject alternative names: localhost and 127.0.0.1.
  EXPECT_EQ(X509_check_host(server.get(), "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(server.get(), "127.0.0.1", 0), 1);
  EXPECT_NE(X509_check_host(server.get(), "example.com", 0, 0, nullptr), 1);
  EXPECT_TRUE(set->client.certificate.empty());
}

TEST(self_signed, the_chain_verifies_with_the_ca_as_trust_anchor) {
  auto set = make_self_signed({});
  ASSERT_TRUE(set);
  auto ca = parse_certificate(set->ca.certificate);
  auto server = parse_certificate(set->server.certificate);
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, ca.get());
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, server.get(), nullptr);
  X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
  EXPECT_EQ(X509_verify_cert(ctx), 1) << X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
}

TEST(self_signed, hosts_days_and_a_client_certificate) {
  self_signed_request request;
  request.hosts = {"broker.example.net", "10.1.2.3", "::1"};
  request.days = 30;
  request.client_name = "sensor-7";
  auto set = make_self_signed(request);
  ASSERT_TRUE(set) << set.error();
  auto ca = parse_certificate(set->ca.certificate);
  auto server = parse_certificate(set->server.certificate);
  auto client = parse_certificate(set->client.certificate);
  ASSERT_TRUE(client);
  EXPECT_EQ(common_name(server.get()), "broker.example.net");
  EXPECT_EQ(X509_check_host(server.get(), "broker.example.net", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(server.get(), "10.1.2.3", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(server.get(), "::1", 0), 1);
  EXPECT_NE(X509_check_host(server.get(), "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(common_name(client.get()), "sensor-7");
  EXPECT_TRUE(signed_by(client.get(), ca.get()));
  EXPECT_TRUE(key_parses(set->client.key));
  EXPECT_EQ(X509_check_purpose(client.get(), X509_PURPOSE_SSL_CLIENT, 0), 1);
  // Valid for about 30 days from now.
  int days = 0;
  int seconds = 0;
  ASSERT_EQ(ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notAfter(server.get())), 1);
  EXPECT_GE(days, 29);
  EXPECT_LE(days, 30);
}

TEST(self_signed, bad_requests_are_refused) {
  self_signed_request request;
  request.hosts = {};
  EXPECT_FALSE(make_self_signed(request));
  request.hosts = {"a b"};
  EXPECT_FALSE(make_self_signed(request));
  request.hosts = {"localhost"};
  request.days = 0;
  EXPECT_FALSE(make_self_signed(request));
}

}  // namespace
