// Usage: spend per UTC day over a date range, from /spend/logs, as a uPlot bar chart and a table, with CSV export.
import {h, field, errorBox, usd, isoDay} from '../dom.js';
import {api} from '../api.js';
import {spendPerDay, toCsv, download} from '../spend.js';

const MAX_ROWS = 100000;

export async function usagePage(main) {
  const from = h('input', {type: 'date', name: 'start_date', value: isoDay(6), required: true});
  const to = h('input', {type: 'date', name: 'end_date', value: isoDay(0), required: true});
  const form = h('form', {class: 'filters', 'aria-label': 'Date range'},
    field('From (UTC)', from), field('To (UTC)', to),
    h('div', {class: 'field buttons'}, h('button', {type: 'submit'}, 'Show')));
  const messages = h('div', {class: 'status-slot'});
  const chart = h('figure', {class: 'chart', id: 'usage-chart'});
  const tableSlot = h('div', {id: 'usage-table'});
  const csv = h('button', {type: 'button', class: 'secondary', id: 'usage-csv', disabled: true}, 'Export CSV');
  main.append(h('div', {class: 'page-head'}, h('h1', {}, 'Usage'), csv), form, messages, chart, tableSlot);

  let current = [];
  csv.addEventListener('click', () => download(`tollgate-usage-${from.value}-to-${to.value}.csv`, toCsv([
    {label: 'day', value: (r) => r.day}, {label: 'requests', value: (r) => r.requests},
    {label: 'failures', value: (r) => r.failures}, {label: 'total_tokens', value: (r) => r.tokens},
    {label: 'spend_usd', value: (r) => r.spend}], current)));

  form.addEventListener('submit', (e) => { e.preventDefault(); load(); });

  async function load() {
    messages.replaceChildren();
    if (from.value > to.value) {
      messages.replaceChildren(errorBox('The start date is after the end date.'));
      return;
    }
    try {
      const rows = await api('/spend/logs', {query: {start_date: from.value, end_date: to.value, limit: MAX_ROWS}});
      current = spendPerDay(rows || [], from.value, to.value);
      if ((rows || []).length >= MAX_ROWS) {
        messages.replaceChildren(errorBox(`Only the first ${MAX_ROWS} calls are counted; pick a shorter range.`));
      }
      drawChart(chart, current);
      drawTable(tableSlot, current);
      csv.disabled = false;
    } catch (err) {
      messages.replaceChildren(errorBox(err.message));
    }
  }

  await load();
}

function drawTable(slot, days) {
  const total = days.reduce((a, d) => ({requests: a.requests + d.requests, failures: a.failures + d.failures,
    tokens: a.tokens + d.tokens, spend: a.spend + d.spend}), {requests: 0, failures: 0, tokens: 0, spend: 0});
  slot.replaceChildren(h('div', {class: 'table-wrap'}, h('table', {},
    h('caption', {}, 'Spend per day (UTC)'),
    h('thead', {}, h('tr', {}, ['Day', 'Requests', 'Failures', 'Tokens', 'Spend'].map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, days.map((d) => h('tr', {'data-day': d.day},
      h('th', {scope: 'row'}, d.day), h('td', {}, d.requests), h('td', {}, d.failures), h('td', {}, d.tokens),
      h('td', {class: 'spend'}, usd(d.spend))))),
    h('tfoot', {}, h('tr', {}, h('th', {scope: 'row'}, 'Total'), h('td', {}, total.requests),
      h('td', {}, total.failures), h('td', {}, total.tokens), h('td', {id: 'usage-total'}, usd(total.spend)))))));
}

function drawChart(figure, days) {
  const caption = h('figcaption', {}, 'Spend per day in USD; the same numbers are in the table below.');
  figure.replaceChildren();
  if (typeof window.uPlot !== 'function') {
    figure.append(caption, h('p', {class: 'muted'}, 'The chart library did not load; see the table.'));
    return;
  }
  const canvasSlot = h('div', {'aria-hidden': 'true'});
  figure.append(canvasSlot, caption);
  const xs = days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
  const ys = days.map((d) => d.spend);
  const width = Math.max(280, Math.min(figure.clientWidth || 800, 1000));
  // eslint-disable-next-line no-new, new-cap
  new window.uPlot({
    width, height: 260,
    scales: {x: {time: true}},
    series: [{}, {label: 'Spend (USD)', stroke: '#1f5fbf', fill: 'rgba(31,95,191,0.25)', width: 1,
      paths: window.uPlot.paths.bars({size: [0.6, 60]}), points: {show: false}}],
    axes: [{}, {values: (u, vals) => vals.map((v) => `$${v}`)}],
  }, [xs, ys], canvasSlot);
}
