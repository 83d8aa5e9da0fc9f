// One mqtt.js (Node build) client over WebSocket, driven by tests/interop/test_mqttjs.py.
//
//   node mqttjs_peer.cjs MQTTJS_DIR URL CLIENT_ID SUBSCRIBE PUBLISH EXPECTED
//
// Connects to URL (ws://host:port/mqtt) with CLIENT_ID, subscribes to SUBSCRIBE at QoS 1, prints
// {"event":"subscribed"}, publishes "from-mqttjs" to PUBLISH at QoS 1 and prints
// {"event":"published"} once acknowledged, prints {"event":"message",topic,payload,qos} for every
// message, and exits 0 after EXPECTED messages (1 on an error, 2 after 20 s).
"use strict";

const [mqttDir, url, clientId, subscribeTo, publishTo, expectedText] = process.argv.slice(2);
const mqtt = require(mqttDir);
const expected = Number(expectedText);
const say = (o) => process.stdout.write(JSON.stringify(o) + "\n");

const client = mqtt.connect(url, { clientId, protocolVersion: 4, clean: true, reconnectPeriod: 0, connectTimeout: 10000 });
let received = 0;

setTimeout(() => {
  say({ event: "timeout", received });
  process.exit(2);
}, 20000);

client.on("error", (e) => {
  say({ event: "error", message: String(e && e.message) });
  process.exit(1);
});

client.on("connect", () => {
  client.subscribe(subscribeTo, { qos: 1 }, (err, granted) => {
    if (err) {
      say({ event: "error", message: String(err.message) });
      process.exit(1);
    }
    say({ event: "subscribed", granted: granted.map((g) => g.qos) });
    client.publish(publishTo, "from-mqttjs", { qos: 1 }, (perr) => {
      if (perr) {
        say({ event: "error", message: String(perr.message) });
        process.exit(1);
      }
      say({ event: "published" });
    });
  });
});

client.on("message", (topic, payload, packet) => {
  say({ event: "message", topic, payload: payload.toString(), qos: packet.qos });
  received += 1;
  if (received >= expected) client.end(false, {}, () => process.exit(0));
});
