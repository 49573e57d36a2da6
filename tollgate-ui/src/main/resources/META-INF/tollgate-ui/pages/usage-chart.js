// The usage page's stacked bar chart on uPlot (from its WebJar), with an HTML legend; the canvas is hidden from
// screen readers because the tables next to it hold the same numbers.
import {h} from '../dom.js';

const COLORS = ['#1f5fbf', '#d9822b', '#2e9e5b', '#b3261e', '#7b4fbf', '#0f8b8d', '#c2185b'];
const OTHER = '#8a93a0';

/**
 * Draws `stacked` ({name, values} running sums, first group at the bottom) as bars per day into `figure`, with a
 * legend and `caption`.
 */
export function stackedBars(figure, days, stacked, yLabel, caption) {
  figure.replaceChildren();
  const color = (name, i) => (name === 'Other' ? OTHER : COLORS[i % COLORS.length]);
  const legend = h('ul', {class: 'legend'}, stacked.map((s, i) => {
    const swatch = h('span', {class: 'swatch'});
    swatch.style.background = color(s.name, i); // CSSOM: allowed by the page's style-src 'self'
    return h('li', {}, swatch, s.name);
  }));
  const figcaption = h('figcaption', {}, caption);
  if (typeof window.uPlot !== 'function') {
    figure.append(figcaption, h('p', {class: 'muted'}, 'The chart library did not load; see the tables.'));
    return;
  }
  const canvasSlot = h('div', {'aria-hidden': 'true'});
  figure.append(canvasSlot, legend, figcaption);
  const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
  const width = Math.max(280, Math.min(figure.clientWidth || 800, 1000));
  const bars = window.uPlot.paths.bars({size: [0.6, 60]});
  // tallest (the running total) first, so each smaller sum is drawn over it and every band shows
  const order = stacked.map((s, i) => ({...s, i})).reverse();
  const money = yLabel.startsWith('Spend');
  // eslint-disable-next-line no-new, new-cap
  new window.uPlot({
    width, height: 260,
    legend: {show: false},
    // one label per day (at most ~12), with half a day of room either side so the end bars are whole
    scales: {x: {time: true, range: (u, min, max) => [min - 43200, max + 43200]}},
    series: [{}, ...order.map((s) => ({label: s.name, stroke: color(s.name, s.i), fill: color(s.name, s.i), width: 0,
      paths: bars, points: {show: false}}))],
    axes: [{splits: () => xs.filter((x, i) => i % Math.ceil(xs.length / 12) === 0),
      values: (u, vals) => vals.map((v) => new Date(v * 1000).toISOString().slice(5, 10))}, {label: yLabel, values: (u, vals) => vals.map((v) => (money ? `$${v}` : String(v)))}],
  }, [xs, ...order.map((s) => s.values)], canvasSlot);
}
