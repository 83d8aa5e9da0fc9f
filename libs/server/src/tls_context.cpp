// The one file that configures OpenSSL contexts, and the one that compiles Asio's SSL
// implementation (BOOST_ASIO_SEPARATE_COMPILATION: the other SSL users only see declarations).

#include "tls_context.hpp"

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace roost::server {

namespace ssl = boost::asio::ssl;

namespace {

// TLS 1.2 suites with forward secrecy and AEAD only (TLS 1.3 suites are OpenSSL's defaults, all
// of which qualify).
constexpr const char* tls12_ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// "what FILE: reason", with OpenSSL's reason when it has one.
std::string file_error(std::string_view what, const std::string& file, const boost::system::error_code& ec) {
  std::string reason = ec.message();
  if (const unsigned long e = ERR_peek_last_error(); e != 0) {
    char text[256];
    ERR_error_string_n(e, text, sizeof text);
    reason = text;
  }
  ERR_clear_error();
  return std::string(what) + " " + file + ": " + reason;
}

result<tls_context::context_ptr, std::string> make_context(const tls_settings& s) {
  if (s.cert_file.empty()) return fail(std::string("no certificate file configured"));
  if (s.key_file.empty()) return fail(std::string("no key file configured for certificate ") + s.cert_file);
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  SSL_CTX_set_cipher_list(native, tls12_ciphers);
  ERR_clear_error();

  boost::system::error_code ec;
  ctx->use_certificate_chain_file(s.cert_file, ec);
  if (ec) return fail(file_error("certificate", s.cert_file, ec));
  ctx->use_private_key_file(s.key_file, ssl::context::pem, ec);
  if (ec) return fail(file_error("key", s.key_file, ec));
  if (SSL_CTX_check_private_key(native) != 1) {
    ERR_clear_error();
    return fail("key " + s.key_file + ": does not match the certificate " + s.cert_file);
  }

  if (s.client_certs != client_certificates::none) {
    if (s.ca_file.empty()) return fail(std::string("client certificates are asked for but no CA file is configured"));
    ctx->load_verify_file(s.ca_file, ec);
    if (ec) return fail(file_error("CA file", s.ca_file, ec));
    if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(s.ca_file.c_str())) {
      SSL_CTX_set_client_CA_list(native, names);
    }
    int mode = SSL_VERIFY_PEER;
    if (s.client_certs == client_certificates::require) mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    SSL_CTX_set_verify(native, mode, nullptr);
    // Session resumption would need a context id once peers are verified; handshakes are cheap
    // enough without it.
    SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_num_tickets(native, 0);
  }
  ERR_clear_error();
  return ctx;
}

}  // namespace

result<std::shared_ptr<tls_context>, std::string> tls_context::open(tls_settings settings) {
  auto ctx = make_context(settings);
  if (!ctx) return fail(ctx.error());
  return std::shared_ptr<tls_context>(new tls_context(std::move(settings), std::move(*ctx)));
}

tls_context::context_ptr tls_context::current() const {
  std::lock_guard guard{_lock};
  return _current;
}

std::string tls_context::reload() {
  auto ctx = make_context(_settings);
  if (!ctx) return ctx.error();
  std::lock_guard guard{_lock};
  _current = std::move(*ctx);
  return {};
}

std::string verified_peer_name(ssl_st* ssl) {
  if (ssl == nullptr || SSL_get_verify_result(ssl) != X509_V_OK) return {};
  X509* peer = SSL_get0_peer_certificate(ssl);
  if (peer == nullptr) return {};
  X509_NAME* subject = X509_get_subject_name(peer);
  const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
  unsigned char* utf8 = nullptr;
  const int n = ASN1_STRING_to_UTF8(&utf8, data);
  if (n < 0) return {};
  std::string name(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(n));
  OPENSSL_free(utf8);
  return name;
}

}  // namespace roost::server
