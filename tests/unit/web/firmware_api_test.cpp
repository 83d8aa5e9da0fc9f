// OTA through the web: a topic's firmware in the native API, the download, and the compatible
// /vb/api/v1/firmwareVersion a device asks.

#include "native_fixture.hpp"

using namespace roost;
using namespace roost::test;
using platform::cloud_namespace;

namespace {

const std::string vb_wrong =
    R"({"code":40004,"msg":"wrong private key or topic","message":"wrong private key or topic"})";

struct firmware_api : native_fixture {
  firmware_api() { topics.create(scope(tenant_a), "light002"); }

  web::response upload(const std::string& query, std::string bytes, const std::string& topic = "mqtt/light002") {
    return api("PUT", "/api/v1/topics/" + topic + "/firmware?" + query, std::move(bytes));
  }
  web::response version(const std::string& query, std::string host = "hub.local:8080") {
    web::request r{"GET", "/vb/api/v1/firmwareVersion", query, {}, {}, "192.0.2.1"};
    if (!host.empty()) r.headers["host"] = std::move(host);
    return call(std::move(r));
  }
  web::response download(const std::string& path, std::string method = "GET") {
    return call({std::move(method), path, "", {}, {}, {}});
  }
};

TEST_F(firmware_api, an_upload_is_201_with_its_metadata_and_url) {
  const auto r = upload("version=1.2.0&tag=stable&filename=app.bin", "123456789");
  EXPECT_EQ(r.status, 201);
  const auto f = json(r).at("firmware");
  EXPECT_EQ(f.at("version"), "1.2.0");
  EXPECT_EQ(f.at("tag"), "stable");
  EXPECT_EQ(f.at("file_name"), "app.bin");
  EXPECT_EQ(f.at("size"), 9);
  EXPECT_EQ(f.at("crc32"), "cbf43926");
  EXPECT_EQ(f.at("sha256"), "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225");
  EXPECT_EQ(f.at("uploaded_ms"), wall_ms);
  const auto stored = firmware.find(scope(tenant_a), "light002");
  ASSERT_TRUE(stored);
  EXPECT_EQ(f.at("url").as_string(), "http://hub.local:8080/firmware/" + stored->id + "/app.bin");
  EXPECT_EQ(api("GET", "/api/v1/topics/mqtt/light002/firmware").body, r.body);
}

TEST_F(firmware_api, the_file_name_defaults_to_the_topic) {
  EXPECT_EQ(json(upload("version=1", "x")).at("firmware").at("file_name"), "light002.bin");
  EXPECT_EQ(json(upload("version=1&filename=fw", "x")).at("firmware").at("file_name"), "fw.bin");
}

TEST_F(firmware_api, a_new_upload_replaces_the_old_one) {
  upload("version=1", "old");
  const auto old_id = firmware.find(scope(tenant_a), "light002")->id;
  EXPECT_EQ(upload("version=2", "new!").status, 201);
  const auto now = firmware.find(scope(tenant_a), "light002");
  EXPECT_EQ(now->version, "2");
  EXPECT_NE(now->id, old_id);
  EXPECT_EQ(download("/firmware/" + old_id + "/light002.bin").status, 404);
  EXPECT_EQ(download("/firmware/" + now->id + "/light002.bin").body, "new!");
}

TEST_F(firmware_api, bad_uploads_are_400_or_413) {
  for (const char* q : {"", "version=", "version=1%202", "version=" /* empty */, "tag=x", "version=1&filename=..%2Fx",
                        "version=1&filename=.bin", "version=1&tag=a%0Ab"}) {
    const auto r = upload(q, "bytes");
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_EQ(error_code(r), "bad_request") << q;
  }
  EXPECT_EQ(upload("version=1", "").status, 400);
  web::settings s;
  s.rate_per_second = 0;
  s.max_firmware_bytes = 4;
  make_app(s);
  EXPECT_EQ(upload("version=1", "1234").status, 201);
  const auto big = upload("version=2", "12345");
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.body, R"({"error":{"code":"too_large","message":"the firmware is larger than 4 bytes"}})");
  EXPECT_EQ(firmware.find(scope(tenant_a), "light002")->version, "1");
}

TEST_F(firmware_api, a_storage_failure_is_500) {
  firmware.fail_next = true;
  const auto r = upload("version=1", "x");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(error_code(r), "storage_failed");
}

TEST_F(firmware_api, unknown_topics_and_missing_firmware_are_404) {
  EXPECT_EQ(upload("version=1", "x", "mqtt/nope").status, 404);
  EXPECT_EQ(upload("version=1", "x", "tcp/light002").status, 404);  // the TCP namespace has no such topic
  const auto none = api("GET", "/api/v1/topics/mqtt/light002/firmware");
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(none.body, R"({"error":{"code":"not_found","message":"topic light002 has no firmware"}})");
  EXPECT_EQ(api("DELETE", "/api/v1/topics/mqtt/light002/firmware").status, 404);
  EXPECT_EQ(api("POST", "/api/v1/topics/mqtt/light002/firmware").status, 405);
}

TEST_F(firmware_api, delete_removes_it) {
  upload("version=1", "x");
  const auto id = firmware.find(scope(tenant_a), "light002")->id;
  EXPECT_EQ(api("DELETE", "/api/v1/topics/mqtt/light002/firmware").status, 204);
  EXPECT_FALSE(firmware.find(scope(tenant_a), "light002"));
  EXPECT_EQ(download("/firmware/" + id + "/light002.bin").status, 404);
}

TEST_F(firmware_api, the_download_is_the_exact_bytes_without_a_key) {
  const std::string bytes("\x00\x01\xff\xfe firmware", 13);
  upload("version=1&filename=app.bin", bytes);
  const auto f = *firmware.find(scope(tenant_a), "light002");
  const auto r = download("/firmware/" + f.id + "/app.bin");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/octet-stream");
  EXPECT_EQ(r.body, bytes);
  EXPECT_EQ(download("/firmware/" + f.id + "/app.bin", "HEAD").status, 200);
  EXPECT_EQ(download("/firmware/" + f.id + "/app.bin", "POST").status, 405);
  for (const std::string& path :
       std::vector<std::string>{"/firmware/" + f.id + "/other.bin", "/firmware/" + f.id, "/firmware/" + f.id + "/",
                                "/firmware/", "/firmware/nope/app.bin", "/firmware/" + f.id + "/app.bin/x"}) {
    const auto missing = download(path);
    EXPECT_EQ(missing.status, 404) << path;
    EXPECT_EQ(missing.body, R"({"error":{"code":"not_found","message":"no such firmware"}})") << path;
  }
}

TEST_F(firmware_api, firmware_version_answers_in_the_vb_envelope) {
  upload("version=1.2.0&tag=stable&filename=app.bin", "123456789");
  const auto f = *firmware.find(scope(tenant_a), "light002");
  const auto r = version("openID=" + key_a + "&topic=light002&deviceType=1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"code":0,"msg":"success","message":"success","data":{"url":"http://hub.local:8080/firmware/)" +
                        f.id + R"(/app.bin","version":"1.2.0","tag":"stable","size":9,"unix":)" +
                        std::to_string(wall_ms / 1000) + R"(,"crc32":"cbf43926"}})");
  // deviceType 5 is MQTT too, and missing means 1; secure asks for https.
  EXPECT_EQ(json(version("openID=" + key_a + "&topic=light002&deviceType=5")).at("code"), 0);
  EXPECT_EQ(json(version("openID=" + key_a + "&topic=light002")).at("code"), 0);
  EXPECT_EQ(json(version("openID=" + key_a + "&topic=light002&secure=true")).at("data").at("url").as_string(),
            "https://hub.local:8080/firmware/" + f.id + "/app.bin");
  // Without a Host header the URL is the path alone.
  EXPECT_EQ(json(version("openID=" + key_a + "&topic=light002", "")).at("data").at("url").as_string(),
            "/firmware/" + f.id + "/app.bin");
  // A POST with a form works the same.
  const auto posted = post_form("/vb/api/v1/firmwareVersion", "openID=" + key_a + "&topic=light002");
  EXPECT_EQ(json(posted).at("code"), 0);
}

TEST_F(firmware_api, a_wrong_key_an_unknown_topic_and_no_firmware_read_the_same) {
  upload("version=1", "x");
  topics.create(scope(tenant_a), "bare");
  EXPECT_EQ(version("openID=" + key_unknown + "&topic=light002").body, vb_wrong);
  EXPECT_EQ(version("openID=short&topic=light002").body, vb_wrong);
  EXPECT_EQ(version("openID=" + key_a + "&topic=nope").body, vb_wrong);
  EXPECT_EQ(version("openID=" + key_a + "&topic=bare").body, vb_wrong);
  EXPECT_EQ(version("openID=" + key_a + "&topic=light002&deviceType=3").body, vb_wrong);  // TCP has none
  EXPECT_EQ(version("openID=" + key_b + "&topic=light002").body, vb_wrong);
}

TEST_F(firmware_api, missing_or_bad_parameters_are_10002) {
  EXPECT_EQ(version("topic=light002").body,
            R"({"code":10002,"msg":"openID is missing","message":"openID is missing"})");
  EXPECT_EQ(version("openID=" + key_a).body, R"({"code":10002,"msg":"topic is missing","message":"topic is missing"})");
  EXPECT_EQ(json(version("openID=" + key_a + "&topic=a/b")).at("code"), 10002);
  EXPECT_EQ(version("openID=" + key_a + "&topic=light002&deviceType=2").body,
            R"({"code":10002,"msg":"deviceType must be 1, 3, 5 or 7","message":"deviceType must be 1, 3, 5 or 7"})");
  EXPECT_EQ(json(post_json("/vb/api/v1/firmwareVersion", "{bad")).at("code"), 10002);
  EXPECT_EQ(call({"DELETE", "/vb/api/v1/firmwareVersion", "", {}, {}, {}}).status, 405);
}

TEST_F(firmware_api, firmware_version_is_rate_limited_with_40007) {
  upload("version=1", "x");
  web::settings s;
  s.rate_per_second = 1;
  s.rate_burst = 1;
  make_app(s);
  EXPECT_EQ(json(version("openID=" + key_a + "&topic=light002")).at("code"), 0);
  EXPECT_EQ(version("openID=" + key_a + "&topic=light002").body,
            R"({"code":40007,"msg":"too many requests: slow down","message":"too many requests: slow down"})");
}

}  // namespace
