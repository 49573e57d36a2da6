// Turns /global/spend/report answers into the usage page's numbers: per-day totals, a per-day breakdown by one
// dimension (key, team, model, provider, tag) and totals per group. No DOM here.

/** The dimensions the page breaks spend down by: the report to read and how a row names its group. */
export const DIMENSIONS = {
  model: {label: 'Model', report: 'team', group: (r) => r.model_group || r.model || '(unknown)'},
  key: {label: 'Key', report: 'team', group: (r, names) => names.key(r.api_key)},
  team: {label: 'Team', report: 'team', group: (r) => r.group},
  provider: {label: 'Provider', report: 'team', group: (r) => r.provider || '(none)'},
  tag: {label: 'Tag', report: 'tag', group: (r) => r.group},
};

/**
 * One record per metadata row of a per-day report (group_by=team, customer or tag): {day, group, model,
 * model_group, api_key, provider, spend, tokens, requests, failed}.
 */
export function flatten(report, listName, nameField) {
  const out = [];
  for (const day of report || []) {
    const date = String(day.group_by_day || '').slice(0, 10);
    for (const entry of day[listName] || []) {
      for (const m of entry.metadata || []) {
        out.push({day: date, group: entry[nameField] ?? '(none)', model: m.model || '', model_group: m.model_group || '',
          api_key: m.api_key || '', provider: m.custom_llm_provider || '', spend: Number(m.spend || 0),
          tokens: Number(m.total_tokens || 0), requests: Number(m.api_requests || 0),
          failed: Number(m.failed_requests || 0)});
      }
    }
  }
  return out;
}

/** Every UTC day from `from` to `to` (YYYY-MM-DD, both included). */
export function daysBetween(from, to) {
  const days = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86400000)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

const zero = () => ({requests: 0, failures: 0, tokens: 0, spend: 0});

function add(sum, r) {
  sum.requests += r.requests;
  sum.failures += r.failed;
  sum.tokens += r.tokens;
  sum.spend += r.spend;
}

/** [{day, requests, failures, tokens, spend}] for every day of the range, days without calls as zeros. */
export function dailyTotals(records, from, to) {
  const days = new Map(daysBetween(from, to).map((day) => [day, {day, ...zero()}]));
  for (const r of records) {
    const entry = days.get(r.day);
    if (entry) add(entry, r);
  }
  return [...days.values()];
}

/**
 * The breakdown of `records` by `groupOf(record)`: `groups` (most spent first, each {name, requests, failures,
 * tokens, spend}) and `cells` ({day, group, requests, failures, tokens, spend} for each day and group with calls).
 */
export function breakdown(records, groupOf) {
  const groups = new Map();
  const cells = new Map();
  for (const r of records) {
    const name = groupOf(r);
    if (!groups.has(name)) groups.set(name, {name, ...zero()});
    add(groups.get(name), r);
    const id = `${r.day}\u0000${name}`;
    if (!cells.has(id)) cells.set(id, {day: r.day, group: name, ...zero()});
    add(cells.get(id), r);
  }
  const sorted = [...groups.values()].sort((a, b) => b.spend - a.spend || b.requests - a.requests
    || a.name.localeCompare(b.name));
  const cellList = [...cells.values()].sort((a, b) => a.day.localeCompare(b.day) || a.group.localeCompare(b.group));
  return {groups: sorted, cells: cellList};
}

/**
 * Chart series: the `top` biggest groups and one "Other" for the rest, each with one value of `metric` per day.
 * Returned biggest first.
 */
export function series(result, days, metric, top = 6) {
  const named = result.groups.slice(0, top).map((g) => g.name);
  const rest = result.groups.length > top;
  const index = new Map(days.map((d, i) => [d, i]));
  const lines = named.map((name) => ({name, values: days.map(() => 0)}));
  const other = {name: 'Other', values: days.map(() => 0)};
  for (const cell of result.cells) {
    const i = index.get(cell.day);
    if (i === undefined) continue;
    const at = named.indexOf(cell.group);
    (at >= 0 ? lines[at] : other).values[i] += cell[metric];
  }
  return rest ? [...lines, other] : lines;
}

/** Running sums, so that each series draws on top of the ones before it (a stacked chart). */
export function stack(lines) {
  const out = [];
  let below = null;
  for (const line of lines) {
    const values = line.values.map((v, i) => v + (below ? below[i] : 0));
    out.push({name: line.name, values});
    below = values;
  }
  return out;
}
