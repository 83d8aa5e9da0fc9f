// A sensor topic (004): its latest fields as tiles and a chart of every numeric field over time,
// from the stored history and then each new value. The chart library loads with the first chart.

import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { parseSensor } from '../lib/devices.js';

const HISTORY_POINTS = 500;
const COLOURS = ['#2563eb', '#059669', '#d97706', '#7c3aed', '#dc2626', '#0891b2', '#db2777', '#65a30d'];

// [{t (s), fields}] oldest first, from history items (newest first).
function points(items) {
  return items.slice().reverse().map((h) => ({ t: h.time_ms / 1000, fields: parseSensor(h.value) }));
}

// uPlot's data and series: x, then one array per numeric field that occurs.
function chartData(list) {
  const seen = new Map(); // field index -> field
  for (const p of list) for (const f of p.fields) if (f.value !== undefined && !seen.has(f.index)) seen.set(f.index, f);
  const fields = [...seen.values()].sort((a, b) => a.index - b.index);
  const data = [list.map((p) => p.t)];
  for (const f of fields) {
    data.push(list.map((p) => {
      const g = p.fields.find((x) => x.index === f.index);
      return g && g.value !== undefined ? g.value : null;
    }));
  }
  return { fields, data };
}

function cssVar(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function chartOptions(fields, width) {
  const text = cssVar('--muted', '#6b7280');
  const grid = cssVar('--line', '#e5e7eb');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    width,
    height: 240,
    scales: { x: { time: true } },
    series: [
      {},
      ...fields.map((f, i) => ({
        label: f.unit ? `${f.label} (${f.unit})` : f.label,
        stroke: COLOURS[i % COLOURS.length],
        width: 2,
        spanGaps: true,
        points: { size: 5 },
      })),
    ],
    axes: [axis, { ...axis, size: 48 }],
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
  };
}

function SensorChart({ list }) {
  const box = useRef(null);
  const chart = useRef(null); // {plot, key}
  const [failed, setFailed] = useState(false);
  const { fields, data } = chartData(list);
  const seriesKey = fields.map((f) => f.index).join(',');

  useEffect(() => {
    let cancelled = false;
    if (fields.length === 0) return undefined;
    import('uplot').then(({ default: uPlot }) => {
      if (cancelled || !box.current) return;
      const c = chart.current;
      if (c && c.key === seriesKey) {
        c.plot.setData(data);
        return;
      }
      if (c) c.plot.destroy();
      const width = Math.max(box.current.clientWidth, 200);
      chart.current = { key: seriesKey, plot: new uPlot(chartOptions(fields, width), data, box.current) };
    }, () => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [list, seriesKey]);

  useEffect(() => {
    const observer = new ResizeObserver(() => {
      const c = chart.current;
      if (c && box.current) c.plot.setSize({ width: Math.max(box.current.clientWidth, 200), height: 240 });
    });
    if (box.current) observer.observe(box.current);
    return () => {
      observer.disconnect();
      if (chart.current) chart.current.plot.destroy();
      chart.current = null;
    };
  }, []);

  if (failed) return <p class="error">The chart could not be loaded.</p>;
  return (
    <>
      {fields.length === 0 && <p class="muted empty-small">No numeric values to chart yet: a sensor sends values like <code>#23.5#61</code>.</p>}
      <div class="chart" ref={box} data-testid="sensor-chart" data-points={data[0].length} data-series={fields.length} />
    </>
  );
}

export function SensorPanel({ apiKey, topic }) {
  const [list, setList] = useState(null);
  const [error, setError] = useState('');
  const latest = parseSensor(topic.value);

  useEffect(() => {
    let current = true;
    api.history(apiKey, topic.namespace, topic.name, { limit: HISTORY_POINTS }).then(
      (res) => current && setList(points(res.items)),
      (e) => current && setError(e.message));
    return () => {
      current = false;
    };
  }, [apiKey, topic.namespace, topic.name]);

  // each new value joins the chart
  useEffect(() => {
    if (!topic.time_ms || topic.value === null || topic.value === undefined) return;
    const t = topic.time_ms / 1000;
    const point = { t, fields: parseSensor(topic.value) };
    setList((l) => (l && (l.length === 0 || l[l.length - 1].t < t) ? [...l, point].slice(-HISTORY_POINTS) : l));
  }, [topic.time_ms, topic.value]);

  return (
    <div class="card sensor-card">
      <h2>Sensor</h2>
      {latest.length > 0 && (
        <div class="tiles">
          {latest.map((f) => (
            <div class="tile" key={f.index} data-field={f.key}>
              <span class="tile-label">{f.label}</span>
              <span class="tile-value">{f.value !== undefined ? f.value : f.text}<small>{f.value !== undefined ? ` ${f.unit}` : ''}</small></span>
            </div>
          ))}
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {list ? <SensorChart list={list} /> : !error && <p class="muted empty-small">Loading the history…</p>}
    </div>
  );
}
