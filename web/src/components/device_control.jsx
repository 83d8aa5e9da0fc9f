// The control of a device topic: buttons and sliders that send the type's message format, and the
// state the device reported (the topic's latest value), read in that format.
//
//   outlet, switch, water heater, air purifier   on | off
//   light        on | off | on#<brightness> | on#<brightness>#<rgb>
//   fan          on | off | on#<speed 1-4>#<swing 1/0>
//   curtain      on (open) | off (close) | pause | on#<position>
//   air conditioner, thermostat   on | off | on#<mode 1-7>#<temperature>
//   TV           on | off | volup | voldown | chup | chdown

import { useEffect, useState } from 'preact/hooks';
import {
  CLIMATE_MODES, climateCommand, curtainCommand, fanCommand, hexFromRgb, lightCommand, parseState, rgbFromHex,
} from '../lib/devices.js';
import { useSend } from '../lib/send.js';
import { Icon } from './icons.jsx';
import { SendResult } from './send_result.jsx';

const num = (s, fallback) => {
  const n = Number(s);
  return s !== undefined && s !== '' && Number.isFinite(n) ? n : fallback;
};

const isColourTemperature = (n) => n >= 2700 && n <= 6500;

// A reported value, in words for the type: ['On', 'Brightness 80%', ...].
function describe(typeId, state) {
  const f = state.fields;
  const words = typeId === 'curtain' ? { on: 'Open', off: 'Closed', pause: 'Paused' } : { on: 'On', off: 'Off', pause: 'Paused' };
  const power = words[state.power];
  const parts = [];
  if (!power) return parts;
  if (state.power !== 'on') return [power];
  parts.push(power);
  if (typeId === 'light' && f[0]) parts.push(`Brightness ${num(f[0], 0)}%`);
  if (typeId === 'light' && f[1]) {
    const n = num(f[1], null);
    if (n !== null) parts.push(isColourTemperature(n) ? `${n} K` : `Colour ${hexFromRgb(n)}`);
  }
  if (typeId === 'fan' && f[0]) parts.push(`Speed ${f[0]}`);
  if (typeId === 'fan' && f[1]) parts.push(f[1] === '1' ? 'Swing on' : 'Swing off');
  if (typeId === 'curtain' && f[0]) parts.push(`Position ${num(f[0], 0)}%`);
  if ((typeId === 'aircondition' || typeId === 'thermostat') && f[0]) {
    parts.push(CLIMATE_MODES[num(f[0], 1) - 1] || `Mode ${f[0]}`);
    if (f[1]) parts.push(`${f[1]} °C`);
  }
  if ((typeId === 'waterheater') && f[0]) parts.push(`${f[0]} °C`);
  return parts;
}

function ReportedState({ typeId, state }) {
  const parts = describe(typeId, state);
  if (parts.length === 0) {
    return <p class="reported" data-testid="reported-state"><span class="pill">Unknown</span>
      <span class="muted">{state.raw ? 'not in this type’s format' : 'nothing reported yet'}</span></p>;
  }
  const [power, ...rest] = parts;
  const swatch = typeId === 'light' && state.power === 'on' && state.fields[1] && !isColourTemperature(num(state.fields[1], 0))
    ? hexFromRgb(num(state.fields[1], 0)) : null;
  return (
    <p class="reported" data-testid="reported-state" data-power={state.power}>
      <span class={`pill power-${state.power}`}>{power}</span>
      {rest.map((p) => <span key={p} class="detail">{p}</span>)}
      {swatch && <span class="swatch" style={{ background: swatch }} />}
    </p>
  );
}

function PowerButtons({ state, send, busy, onLabel = 'On', offLabel = 'Off' }) {
  return (
    <div class="segmented" role="group" aria-label="Power">
      <button type="button" aria-pressed={state.power === 'on' ? 'true' : 'false'} disabled={busy} onClick={() => send('on')}>
        <Icon name="power" size={16} /><span>{onLabel}</span>
      </button>
      <button type="button" aria-pressed={state.power === 'off' ? 'true' : 'false'} disabled={busy} onClick={() => send('off')}>
        <span>{offLabel}</span>
      </button>
    </div>
  );
}

// A slider that follows the reported value until the user moves it; sends on release.
function Slider({ label, min, max, reported, unit, onCommit, disabled }) {
  const [value, setValue] = useState(reported);
  useEffect(() => setValue(reported), [reported]);
  return (
    <label class="slider">
      <span>{label}</span>
      <input type="range" min={min} max={max} value={value} disabled={disabled} aria-label={label}
             onInput={(e) => setValue(Number(e.currentTarget.value))}
             onChange={(e) => onCommit(Number(e.currentTarget.value))} />
      <output>{value}{unit}</output>
    </label>
  );
}

function LightControl({ state, send, busy }) {
  const on = state.power === 'on';
  const bri = on ? num(state.fields[0], 100) : 100;
  const rgbField = on ? num(state.fields[1], null) : null;
  const rgb = rgbField !== null && !isColourTemperature(rgbField) ? rgbField : null;
  return (
    <>
      <PowerButtons state={state} send={send} busy={busy} />
      <Slider label="Brightness" min={1} max={100} reported={bri} unit="%" disabled={busy}
              onCommit={(b) => send(lightCommand({ bri: b, rgb }))} />
      <label class="colour">
        <span>Colour</span>
        <input type="color" value={hexFromRgb(rgb === null ? 0xffffff : rgb)} disabled={busy} aria-label="Colour"
               onChange={(e) => send(lightCommand({ bri, rgb: rgbFromHex(e.currentTarget.value) }))} />
      </label>
    </>
  );
}

function FanControl({ state, send, busy }) {
  const on = state.power === 'on';
  const speed = on ? num(state.fields[0], 0) : 0;
  const swing = on && state.fields[1] === '1';
  return (
    <>
      <PowerButtons state={state} send={send} busy={busy} />
      <div class="row-field">
        <span>Speed</span>
        <div class="segmented" role="group" aria-label="Speed">
          {[1, 2, 3, 4].map((s) => (
            <button key={s} type="button" aria-pressed={speed === s ? 'true' : 'false'} disabled={busy}
                    onClick={() => send(fanCommand({ speed: s, swing }))}>{s}</button>
          ))}
        </div>
      </div>
      <label class="check">
        <input type="checkbox" checked={swing} disabled={busy}
               onChange={(e) => send(fanCommand({ speed: speed || 1, swing: e.currentTarget.checked }))} />
        <span>Swing</span>
      </label>
    </>
  );
}

function CurtainControl({ state, send, busy }) {
  const position = state.power === 'on' ? num(state.fields[0], 100) : state.power === 'off' ? 0 : 50;
  return (
    <>
      <div class="segmented" role="group" aria-label="Curtain">
        <button type="button" aria-pressed={state.power === 'on' ? 'true' : 'false'} disabled={busy} onClick={() => send('on')}>Open</button>
        <button type="button" aria-pressed={state.power === 'pause' ? 'true' : 'false'} disabled={busy} onClick={() => send('pause')}>Pause</button>
        <button type="button" aria-pressed={state.power === 'off' ? 'true' : 'false'} disabled={busy} onClick={() => send('off')}>Close</button>
      </div>
      <Slider label="Position" min={0} max={100} reported={position} unit="%" disabled={busy}
              onCommit={(p) => send(curtainCommand(p))} />
    </>
  );
}

function ClimateControl({ state, send, busy }) {
  const on = state.power === 'on';
  const [mode, setMode] = useState(on ? num(state.fields[0], 1) : 1);
  const [temp, setTemp] = useState(on ? num(state.fields[1], 24) : 24);
  return (
    <>
      <PowerButtons state={state} send={send} busy={busy} />
      <div class="inline-form">
        <label class="field">
          <span>Mode</span>
          <select value={mode} onChange={(e) => setMode(Number(e.currentTarget.value))}>
            {CLIMATE_MODES.map((m, i) => <option key={m} value={i + 1}>{m}</option>)}
          </select>
        </label>
        <label class="field">
          <span>Temperature °C</span>
          <input type="number" min={16} max={32} value={temp} onInput={(e) => setTemp(Number(e.currentTarget.value))} />
        </label>
        <button type="button" class="primary" disabled={busy} onClick={() => send(climateCommand({ mode, temp }))}>Apply</button>
      </div>
    </>
  );
}

function TvControl({ state, send, busy }) {
  const commands = [['voldown', 'Vol −'], ['volup', 'Vol +'], ['chdown', 'Ch −'], ['chup', 'Ch +']];
  return (
    <>
      <PowerButtons state={state} send={send} busy={busy} />
      <div class="button-row">
        {commands.map(([c, label]) => (
          <button key={c} type="button" disabled={busy} onClick={() => send(c)}>{label}</button>
        ))}
      </div>
    </>
  );
}

function PowerOnly({ state, send, busy }) {
  return <PowerButtons state={state} send={send} busy={busy} />;
}

const CONTROLS = {
  outlet: PowerOnly,
  switch: PowerOnly,
  waterheater: PowerOnly,
  airpurifier: PowerOnly,
  light: LightControl,
  fan: FanControl,
  curtain: CurtainControl,
  aircondition: ClimateControl,
  thermostat: ClimateControl,
  television: TvControl,
};

export function DeviceControl({ apiKey, topic, type }) {
  const { send, busy, result } = useSend(apiKey, topic);
  const Control = CONTROLS[type.id];
  if (!Control) return null;
  const state = parseState(topic.value);
  return (
    <div class="card control-card">
      <h2>{type.label}</h2>
      <ReportedState typeId={type.id} state={state} />
      <div class="controls">
        <Control state={state} send={send} busy={busy} />
      </div>
      <SendResult result={result} />
    </div>
  );
}
