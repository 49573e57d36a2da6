// Usage: spend, tokens and requests per UTC day over a date range, broken down by model, key or provider (everyone:
// an internal user sees the calls made with their own keys) and by team, customer or tag (admins and admin viewers),
// as a stacked uPlot bar chart with the same numbers in tables, the top keys (and teams), and CSV export of the
// breakdown shown. Everything is summed on the server from its daily aggregates (pages/usage-sources.js).
import {h, field, errorBox, usd, isoDay, announce} from '../dom.js';
import {toCsv, download} from '../spend.js';
import {readsAll} from '../roles.js';
import {DIMENSIONS, activityRecords, activityDays, withRest, daysBetween, dailyTotals, breakdown, series, stack}
  from '../usage-data.js';
import {activity} from './usage-sources.js';
import {stackedBars} from './usage-chart.js';

const METRICS = {spend: 'Spend (USD)', tokens: 'Tokens', requests: 'Requests'};

export async function usagePage(main, {role, userId} = {}) {
  const admin = readsAll(role);
  const dims = Object.entries(DIMENSIONS).filter(([, d]) => admin || !d.admin);
  const from = h('input', {type: 'date', name: 'start_date', value: isoDay(6), required: true});
  const to = h('input', {type: 'date', name: 'end_date', value: isoDay(0), required: true});
  const dimension = h('select', {name: 'dimension'}, dims.map(([id, d]) => h('option', {value: id}, d.label)));
  const metric = h('select', {name: 'metric'}, Object.entries(METRICS).map(([id, label]) => h('option', {value: id}, label)));
  const form = h('form', {class: 'filters', 'aria-label': 'Date range'},
    field('From (UTC)', from), field('To (UTC)', to), field('Break down by', dimension), field('Chart', metric),
    h('div', {class: 'field buttons'}, h('button', {type: 'submit'}, 'Show')));
  const messages = h('div', {class: 'status-slot'});
  const chart = h('figure', {class: 'chart', id: 'usage-chart'});
  const breakdownSlot = h('div', {id: 'usage-breakdown'});
  const tableSlot = h('div', {id: 'usage-table'});
  const topSlot = h('div', {class: 'grid-2', id: 'usage-top'});
  const csv = h('button', {type: 'button', class: 'secondary', id: 'usage-csv', disabled: true}, 'Export CSV');
  const scope = admin ? null : h('p', {class: 'muted', id: 'usage-scope'},
    `Calls made with your keys${userId ? ` (user ${userId})` : ''}.`);
  main.append(...[h('div', {class: 'page-head'}, h('h1', {}, 'Usage'), csv), scope, form, messages, chart,
    breakdownSlot, tableSlot, topSlot].filter(Boolean));

  let shown = null; // {dim, result, range} of the breakdown on screen, for the CSV
  csv.addEventListener('click', () => {
    if (!shown) return;
    const label = DIMENSIONS[shown.dim].label.toLowerCase();
    download(`tollgate-usage-by-${label}-${shown.from}-to-${shown.to}.csv`, toCsv([
      {label: 'day', value: (c) => c.day}, {label, value: (c) => c.group}, {label: 'requests', value: (c) => c.requests},
      {label: 'failures', value: (c) => c.failures}, {label: 'total_tokens', value: (c) => c.tokens},
      {label: 'spend_usd', value: (c) => c.spend}], shown.result.cells));
    announce('CSV downloaded.');
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); cache.clear(); load(); });
  for (const select of [dimension, metric]) select.addEventListener('change', () => load());

  const cache = new Map(); // per date range and source: answers are reused while only the dimension changes
  function read(source) {
    const id = `${from.value}|${to.value}|${source}`;
    if (!cache.has(id)) {
      cache.set(id, activity(source, {from: from.value, to: to.value, userId: admin ? null : userId})
        .catch((e) => { cache.delete(id); throw e; }));
    }
    return cache.get(id);
  }

  async function load() {
    messages.replaceChildren();
    if (!from.value || !to.value || from.value > to.value) {
      messages.replaceChildren(errorBox('Pick a start date on or before the end date.'));
      return;
    }
    cache.forEach((_, id) => { if (!id.startsWith(`${from.value}|${to.value}|`)) cache.delete(id); });
    breakdownSlot.setAttribute('aria-busy', 'true');
    try {
      const dim = dimension.value;
      const d = DIMENSIONS[dim];
      const [users, teams] = await Promise.all([read('user'), admin ? read('team') : null]);
      const days = activityDays(users);
      let records = activityRecords(d.source === 'user' ? users : await read(d.source), d.field, d.name);
      if (d.rest) records = withRest(records, days, d.rest);
      const result = breakdown(records, (r) => r.group);
      const range = daysBetween(from.value, to.value);
      stackedBars(chart, range, stack(series(result, range, metric.value)), METRICS[metric.value],
        `${METRICS[metric.value]} per day by ${d.label.toLowerCase()}; the same numbers are in the tables below.`);
      drawBreakdown(breakdownSlot, d.label, result.groups, dim === 'tag');
      drawDays(tableSlot, dailyTotals(days, from.value, to.value));
      const keys = breakdown(activityRecords(users, 'api_keys', DIMENSIONS.key.name), (r) => r.group).groups;
      const teamGroups = teams ? breakdown(activityRecords(teams, 'entities', DIMENSIONS.team.name), (r) => r.group)
        .groups : null;
      drawTop(topSlot, keys, teamGroups, admin);
      shown = {dim, result, from: from.value, to: to.value};
      csv.disabled = false;
    } catch (err) {
      messages.replaceChildren(errorBox(err.message));
    } finally {
      breakdownSlot.removeAttribute('aria-busy');
    }
  }

  await load();
}

function totalRow(rows) {
  return rows.reduce((a, d) => ({requests: a.requests + d.requests, failures: a.failures + d.failures,
    tokens: a.tokens + d.tokens, spend: a.spend + d.spend}), {requests: 0, failures: 0, tokens: 0, spend: 0});
}

function drawBreakdown(slot, label, groups, tags) {
  const sum = totalRow(groups);
  slot.replaceChildren(h('div', {class: 'table-wrap'}, h('table', {},
    h('caption', {}, `By ${label.toLowerCase()}${tags ? ' (a call with two tags counts under each)' : ''}`),
    h('thead', {}, h('tr', {}, [label, 'Requests', 'Failures', 'Tokens', 'Spend', 'Share of spend']
      .map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, groups.length === 0 ? h('tr', {}, h('td', {colspan: 6, class: 'empty'}, 'No calls in this range.'))
      : groups.map((g) => h('tr', {'data-group': g.name},
        h('th', {scope: 'row'}, g.name), h('td', {}, g.requests), h('td', {}, g.failures), h('td', {}, g.tokens),
        h('td', {class: 'spend'}, usd(g.spend)),
        h('td', {}, sum.spend > 0 ? `${((100 * g.spend) / sum.spend).toFixed(1)}%` : '—')))))));
}

function drawDays(slot, days) {
  const total = totalRow(days);
  slot.replaceChildren(h('div', {class: 'table-wrap'}, h('table', {},
    h('caption', {}, 'Totals per day (UTC)'),
    h('thead', {}, h('tr', {}, ['Day', 'Requests', 'Failures', 'Tokens', 'Spend'].map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, days.map((d) => h('tr', {'data-day': d.day},
      h('th', {scope: 'row'}, d.day), h('td', {}, d.requests), h('td', {}, d.failures), h('td', {}, d.tokens),
      h('td', {class: 'spend'}, usd(d.spend))))),
    h('tfoot', {}, h('tr', {}, h('th', {scope: 'row'}, 'Total'), h('td', {}, total.requests),
      h('td', {}, total.failures), h('td', {}, total.tokens), h('td', {id: 'usage-total'}, usd(total.spend)))))));
}

function topTable(id, caption, label, rows) {
  return h('div', {class: 'table-wrap', id}, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, [label, 'Requests', 'Spend'].map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, rows.length === 0 ? h('tr', {}, h('td', {colspan: 3, class: 'empty'}, 'No calls.'))
      : rows.slice(0, 10).map((r) => h('tr', {}, h('th', {scope: 'row'}, r.name), h('td', {}, r.requests),
        h('td', {class: 'spend'}, usd(r.spend)))))));
}

function drawTop(slot, keys, teams, admin) {
  slot.replaceChildren(topTable('usage-top-keys', admin ? 'Top keys by spend' : 'Your keys by spend', 'Key', keys),
    teams ? topTable('usage-top-teams', 'Top teams by spend', 'Team', teams) : null);
}
