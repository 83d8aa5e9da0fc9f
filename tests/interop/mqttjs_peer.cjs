// One mqtt.js (Node build) client over WebSocket, driven by tests/interop/test_mqttjs.py.
//
//   node mqttjs_peer.cjs MQTTJS_DIR URL CLIENT_ID SUBSCRIBE PUBLISH EXPECTED [VERSION [CUE]]
//
// Connects to URL (ws://host:port/mqtt) with CLIENT_ID at protocol VERSION (4 = 3.1.1, the
// default; 5 = MQTT 5), subscribes to SUBSCRIBE at QoS 1, prints
// {"event":"subscribed",granted}, publishes "from-mqttjs" to PUBLISH at QoS 1 and prints
// {"event":"published"} once acknowledged, prints {"event":"message",topic,payload,qos,properties}
// for every message (properties: the MQTT 5 user properties and content type received, or null),
// and exits 0 once it has received EXPECTED messages and its publishes are acknowledged (1 on an
// error; 2 after 60 s, a guard against a peer left running: the test's own waits are shorter).
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
let published = 0;
let pending = 0;
let ending = false;

setTimeout(() => {
  say({ event: "timeout", received, published });
  process.exit(2);
}, 60000);

// Done once the messages came and what this peer was asked to publish is acknowledged: a message
// can arrive before this peer's own publish is sent (with CUE "stdin", before its line is read).
function finishWhenDone() {
  if (!ending && received >= expected && published > 0 && pending === 0) {
    ending = true;
    client.end(false, {}, () => process.exit(0));
  }
}

client.on("error", (e) => fail(e && e.message));

function publish() {
  const opts = { qos: 1 };
  if (protocolVersion === 5) {
    opts.properties = { userProperties: { origin: "mqttjs", client: clientId }, contentType: "text/plain" };
  }
  pending += 1;
  client.publish(publishTo, "from-mqttjs", opts, (err) => {
    if (err) fail(err.message);
    pending -= 1;
    published += 1;
    say({ event: "published" });
    finishWhenDone();
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
  setImmediate(finishWhenDone); // after mqtt.js has sent the PUBACK
});
