// One mqtt.js (Node build) client over WebSocket, driven by tests/interop/test_mqttjs.py.
//
//   node mqttjs_peer.cjs MQTTJS_DIR URL CLIENT_ID SUBSCRIBE PUBLISH EXPECTED [VERSION [CUE]]
//
// Connects to URL (ws://host:port/mqtt) with CLIENT_ID at protocol VERSION (4 = 3.1.1, the
// default; 5 = MQTT 5), subscribes to SUBSCRIBE at QoS 1, prints
// {"event":"subscribed",granted}, publishes "from-mqttjs" to PUBLISH at QoS 1 and prints
// {"event":"published"} once acknowledged, prints {"event":"message",topic,payload,qos,properties}
// for every message (properties: the MQTT 5 user properties and content type received, or null),
// and exits 0 after EXPECTED messages (1 on an error, 2 after 20 s).
// At MQTT 5 the PUBLISH carries the user properties {origin: "mqttjs", client: CLIENT_ID} and the
// content type "text/plain". With CUE "stdin" it publishes once per line read from stdin instead
// of right after the SUBACK.
"use strict";

const [mqttDir, url, clientId, subscribeTo, publishTo, expectedText, versionText, cue] = process.argv.slice(2);
const mqtt = require(mqttDir);
const expected = Number(expectedText);
const protocolVersion = Number(versionText || 4);
const say = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const fail = (message) => {
  say({ event: "error", message: String(message) });
  process.exit(1);
};

const options = { clientId, protocolVersion, clean: true, reconnectPeriod: 0, connectTimeout: 10000 };
const client = mqtt.connect(url, options);
let received = 0;

setTimeout(() => {
  say({ event: "timeout", received });
  process.exit(2);
}, 20000);

client.on("error", (e) => fail(e && e.message));

function publish() {
  const opts = { qos: 1 };
  if (protocolVersion === 5) {
    opts.properties = { userProperties: { origin: "mqttjs", client: clientId }, contentType: "text/plain" };
  }
  client.publish(publishTo, "from-mqttjs", opts, (err) => {
    if (err) fail(err.message);
    say({ event: "published" });
  });
}

client.on("connect", () => {
  client.subscribe(subscribeTo, { qos: 1 }, (err, granted) => {
    if (err) fail(err.message);
    say({ event: "subscribed", granted: granted.map((g) => g.qos) });
    if (cue === "stdin") {
      process.stdin.setEncoding("utf8");
      process.stdin.on("data", (chunk) => chunk.split("\n").slice(0, -1).forEach(publish));
    } else {
      publish();
    }
  });
});

client.on("message", (topic, payload, packet) => {
  const p = packet.properties;
  const properties = p ? { userProperties: p.userProperties || null, contentType: p.contentType || null } : null;
  say({ event: "message", topic, payload: payload.toString(), qos: packet.qos, properties });
  received += 1;
  if (received >= expected) client.end(false, {}, () => process.exit(0));
});
