// The console's reading and writing of device values (web/src/lib/devices.js), without a browser:
// device types by name, sensor fields, command states and the command formats of each type.

import assert from 'node:assert/strict';
import {
  climateCommand, curtainCommand, deviceType, fanCommand, hexFromRgb, lightCommand, parseSensor, parseState,
  rgbFromHex, TOPIC_NAME,
} from '../../web/src/lib/devices.js';

const checks = [];
const check = (name, fn) => checks.push([name, fn]);

check('device types come from the last three characters', () => {
  assert.equal(deviceType('light002').id, 'light');
  assert.equal(deviceType('x004').label, 'Sensor');
  assert.equal(deviceType({ name: 'abc', type_code: '009' }).id, 'curtain');
  assert.equal(deviceType('notes').id, '');
  assert.equal(deviceType('x007').id, '', '007 is no type');
  assert.equal(deviceType('').id, '');
});

check('topic names: letters, digits, _ and -, 1 to 64', () => {
  assert.ok(TOPIC_NAME.test('led_002-a'));
  assert.ok(!TOPIC_NAME.test(''));
  assert.ok(!TOPIC_NAME.test('a b'));
  assert.ok(!TOPIC_NAME.test('a/set'));
  assert.ok(TOPIC_NAME.test('a'.repeat(64)));
  assert.ok(!TOPIC_NAME.test('a'.repeat(65)));
});

check('sensor values: numbered fields, empty ones skipped, text kept', () => {
  const f = parseSensor('#23.5#61#on##12#-3e2');
  assert.deepEqual(f.map((x) => [x.key, x.value ?? x.text]),
                   [['temperature', 23.5], ['humidity', 61], ['switch', 'on'], ['pm25', 12], ['co2', -300]]);
  assert.deepEqual(parseSensor('21').map((x) => x.value), [21], 'a bare number is the first field');
  assert.equal(parseSensor('#1#2#3#4#5#6#7')[6].label, 'Field 7');
  assert.deepEqual(parseSensor(''), []);
  assert.deepEqual(parseSensor(null), []);
  assert.equal(parseSensor('#12abc')[0].text, '12abc', 'not a number');
});

check('command states', () => {
  assert.deepEqual(parseState('on#80#255').fields, ['80', '255']);
  assert.equal(parseState('ON').power, 'on');
  assert.equal(parseState('pause').power, 'pause');
  assert.equal(parseState('update').power, null);
  assert.equal(parseState(null).power, null);
});

check('command formats, clamped to their ranges', () => {
  assert.equal(lightCommand({ bri: 80 }), 'on#80');
  assert.equal(lightCommand({ bri: 0 }), 'on#1');
  assert.equal(lightCommand({ bri: 55.6, rgb: 0xff0000 }), 'on#56#16711680');
  assert.equal(fanCommand({ speed: 9, swing: true }), 'on#4#1');
  assert.equal(fanCommand({ speed: 2, swing: false }), 'on#2#0');
  assert.equal(curtainCommand(150), 'on#100');
  assert.equal(climateCommand({ mode: 2, temp: 40 }), 'on#2#32');
  assert.equal(hexFromRgb(16711680), '#ff0000');
  assert.equal(rgbFromHex('#00ff00'), 65280);
});

let failed = 0;
for (const [name, fn] of checks) {
  try {
    fn();
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}\n${e.stack}`);
  }
}
console.log(`${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
