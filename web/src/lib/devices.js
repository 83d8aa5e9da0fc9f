// Device types of the device cloud and their message formats (docs/console.md lists them): the last
// three characters of a topic name give its type, and each type has its own value format.
//
//   deviceType('light002')          -> {code: '002', id: 'light', label: 'Light'}
//   parseSensor('#23.5#61#on')      -> [{key:'temperature', value:23.5, ...}, {key:'humidity', ...}, {key:'switch', text:'on'}]
//   parseState('on#80#16711680')    -> {power: 'on', fields: ['80', '16711680']}
//   lightCommand({bri: 80})         -> 'on#80'

export const DEVICE_TYPES = {
  '001': { id: 'outlet', label: 'Outlet' },
  '002': { id: 'light', label: 'Light' },
  '003': { id: 'fan', label: 'Fan' },
  '004': { id: 'sensor', label: 'Sensor' },
  '005': { id: 'aircondition', label: 'Air conditioner' },
  '006': { id: 'switch', label: 'Switch' },
  '009': { id: 'curtain', label: 'Curtain' },
  '010': { id: 'thermostat', label: 'Thermostat' },
  '011': { id: 'waterheater', label: 'Water heater' },
  '012': { id: 'television', label: 'TV' },
  '013': { id: 'airpurifier', label: 'Air purifier' },
};

const NONE = { code: '', id: '', label: 'Plain topic' };

// The type of a topic: from its `type_code` when the server gives one, else from its name.
export function deviceType(topicOrName) {
  const t = typeof topicOrName === 'string' ? { name: topicOrName } : topicOrName || {};
  const code = t.type_code || (t.name || '').slice(-3);
  const known = DEVICE_TYPES[code];
  return known ? { code, ...known } : NONE;
}

export const TOPIC_NAME = /^[A-Za-z0-9_-]{1,64}$/;

// Sensor value fields in the order the devices send them (`#temp#humi#switch#lux#pm25#co2`).
const SENSOR_FIELDS = [
  { key: 'temperature', label: 'Temperature', unit: '°C' },
  { key: 'humidity', label: 'Humidity', unit: '%' },
  { key: 'switch', label: 'Switch', unit: '' },
  { key: 'illuminance', label: 'Illuminance', unit: 'lx' },
  { key: 'pm25', label: 'PM2.5', unit: 'µg/m³' },
  { key: 'co2', label: 'CO₂ / heart rate', unit: '' },
];

export function sensorField(i) {
  return SENSOR_FIELDS[i] || { key: `field${i + 1}`, label: `Field ${i + 1}`, unit: '' };
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

// The fields of a sensor value; empty fields are skipped, each has `value` (a number) or `text`.
// A value without the leading '#' (a bare number) is read as the first field.
export function parseSensor(value) {
  if (typeof value !== 'string' || value === '') return [];
  const parts = value.startsWith('#') ? value.slice(1).split('#') : value.split('#');
  const out = [];
  parts.forEach((raw, i) => {
    const s = raw.trim();
    if (s === '') return;
    const f = { index: i, ...sensorField(i) };
    if (NUMBER.test(s)) f.value = Number(s);
    else f.text = s;
    out.push(f);
  });
  return out;
}

// A command value `on#a#b`: its power word and the fields after it.
export function parseState(value) {
  if (typeof value !== 'string' || value === '') return { power: null, fields: [] };
  const [head, ...fields] = value.split('#');
  const word = head.trim().toLowerCase();
  const power = word === 'on' || word === 'off' || word === 'pause' ? word : null;
  return { power, fields: power ? fields : [value], raw: value };
}

const clampInt = (n, lo, hi) => Math.min(hi, Math.max(lo, Math.round(Number(n) || 0)));

// `on#<brightness 1-100>[#<rgb as a decimal integer>]`.
export function lightCommand({ bri, rgb }) {
  const b = clampInt(bri, 1, 100);
  return rgb === undefined || rgb === null ? `on#${b}` : `on#${b}#${clampInt(rgb, 0, 0xffffff)}`;
}

// `on#<speed>#<swing 1/0>`.
export function fanCommand({ speed, swing }) {
  return `on#${clampInt(speed, 1, 4)}#${swing ? 1 : 0}`;
}

// `on#<position 0-100>`.
export function curtainCommand(position) {
  return `on#${clampInt(position, 0, 100)}`;
}

// `on#<mode 1-7>#<temperature 16-32>`.
export function climateCommand({ mode, temp }) {
  return `on#${clampInt(mode, 1, 7)}#${clampInt(temp, 16, 32)}`;
}

export const CLIMATE_MODES = ['Auto', 'Cool', 'Heat', 'Fan', 'Dry', 'Sleep', 'Eco'];

// '#ff0000' <-> 16711680
export const rgbFromHex = (hex) => parseInt(hex.slice(1), 16);
export const hexFromRgb = (n) => `#${clampInt(n, 0, 0xffffff).toString(16).padStart(6, '0')}`;
