// Usage: spend, tokens and requests per UTC day over a date range, broken down by model, key, team, provider or tag
// (a stacked uPlot bar chart with the same numbers in tables), the top keys and teams, and CSV export of the
// breakdown shown. Everything is summed on the server: /global/spend/report (group_by=team for models, keys, teams
// and providers; group_by=tag for tags; group_by=api_key for the top keys and their aliases).
import {h, field, errorBox, usd, isoDay, announce} from '../dom.js';
import {api} from '../api.js';
import {toCsv, download} from '../spend.js';
import {DIMENSIONS, flatten, daysBetween, dailyTotals, breakdown, series, stack} from '../usage-data.js';
import {stackedBars} from './usage-chart.js';

const METRICS = {spend: 'Spend (USD)', tokens: 'Tokens', requests: 'Requests'};

export async function usagePage(main) {
  const from = h('input', {type: 'date', name: 'start_date', value: isoDay(6), required: true});
  const to = h('input', {type: 'date', name: 'end_date', value: isoDay(0), required: true});
  const dimension = h('select', {name: 'dimension'},
    Object.entries(DIMENSIONS).map(([id, d]) => h('option', {value: id}, d.label)));
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
  main.append(h('div', {class: 'page-head'}, h('h1', {}, 'Usage'), csv), form, messages, chart, breakdownSlot,
    tableSlot, topSlot);

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

  const cache = new Map(); // per date range and report: answers are reused while only the dimension changes
  async function report(groupBy) {
    const id = `${from.value}|${to.value}|${groupBy}`;
    if (!cache.has(id)) {
      cache.set(id, api('/global/spend/report', {query: {start_date: from.value, end_date: to.value, group_by: groupBy}})
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
    try {
      const dim = dimension.value;
      const [teams, keys] = await Promise.all([report('team'), report('api_key')]);
      const aliases = new Map((keys || []).map((k) => [k.api_key, k.key_alias]));
      const names = {key: (hash) => aliases.get(hash) || (hash ? `${hash.slice(0, 10)}…` : '(no key)')};
      const teamRecords = flatten(teams, 'teams', 'team_name');
      const records = DIMENSIONS[dim].report === 'tag' ? flatten(await report('tag'), 'tags', 'tag') : teamRecords;
      const result = breakdown(records, (r) => DIMENSIONS[dim].group(r, names));
      const days = daysBetween(from.value, to.value);
      stackedBars(chart, days, stack(series(result, days, metric.value)), METRICS[metric.value],
        `${METRICS[metric.value]} per day by ${DIMENSIONS[dim].label.toLowerCase()}; the same numbers are in the tables below.`);
      drawBreakdown(breakdownSlot, DIMENSIONS[dim].label, result.groups, dim === 'tag');
      drawDays(tableSlot, dailyTotals(teamRecords, from.value, to.value));
      drawTop(topSlot, keys || [], breakdown(teamRecords, (r) => r.group).groups);
      shown = {dim, result, from: from.value, to: to.value};
      csv.disabled = false;
    } catch (err) {
      messages.replaceChildren(errorBox(err.message));
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

function drawTop(slot, keys, teams) {
  const topKeys = keys.slice(0, 10);
  slot.replaceChildren(
    h('div', {class: 'table-wrap', id: 'usage-top-keys'}, h('table', {},
      h('caption', {}, 'Top keys by spend'),
      h('thead', {}, h('tr', {}, ['Key', 'Requests', 'Spend'].map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, topKeys.length === 0 ? h('tr', {}, h('td', {colspan: 3, class: 'empty'}, 'No calls.'))
        : topKeys.map((k) => h('tr', {}, h('th', {scope: 'row'}, k.key_alias || h('code', {}, `${k.api_key.slice(0, 10)}…`)),
          h('td', {}, k.api_requests ?? '—'), h('td', {class: 'spend'}, usd(k.total_cost))))))),
    h('div', {class: 'table-wrap', id: 'usage-top-teams'}, h('table', {},
      h('caption', {}, 'Top teams by spend'),
      h('thead', {}, h('tr', {}, ['Team', 'Requests', 'Spend'].map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, teams.length === 0 ? h('tr', {}, h('td', {colspan: 3, class: 'empty'}, 'No calls.'))
        : teams.slice(0, 10).map((t) => h('tr', {}, h('th', {scope: 'row'}, t.name), h('td', {}, t.requests),
          h('td', {class: 'spend'}, usd(t.spend))))))));
}
