// Turns the gateway's daily-activity answers (LiteLLM's SpendAnalyticsPaginatedResponse: results per day, each with
// its metrics and a breakdown by model group, key, provider, entity) into the usage page's numbers: per-day totals,
// a per-day breakdown by one dimension and totals per group. No DOM here.

const shortKey = (hash) => (hash ? `${hash.slice(0, 10)}…` : '(no key)');

/**
 * The dimensions the page breaks usage down by: the activity to read (`source`: user, team, tag or customer), the
 * breakdown field of each day, how an entry is named, whether only admins may see it, and (`rest`) the name of the
 * calls the breakdown does not cover (calls without a team or a customer), or null when entries overlap (tags).
 */
export const DIMENSIONS = {
  model: {label: 'Model', source: 'user', field: 'model_groups', name: (id) => id, rest: null},
  key: {label: 'Key', source: 'user', field: 'api_keys', name: (hash, e) => e?.metadata?.key_alias || shortKey(hash),
    rest: null},
  provider: {label: 'Provider', source: 'user', field: 'providers', name: (id) => id, rest: null},
  team: {label: 'Team', source: 'team', field: 'entities', name: (id, e) => e?.metadata?.team_alias || id,
    admin: true, rest: '(no team)'},
  customer: {label: 'Customer', source: 'customer', field: 'entities', name: (id, e) => e?.metadata?.alias || id,
    admin: true, rest: '(no customer)'},
  tag: {label: 'Tag', source: 'tag', field: 'entities', name: (id) => id, admin: true, rest: null},
};

function record(day, group, m = {}) {
  return {day, group, spend: Number(m.spend || 0), tokens: Number(m.total_tokens || 0),
    requests: Number(m.api_requests || 0), failed: Number(m.failed_requests || 0)};
}

/**
 * One record {day, group, spend, tokens, requests, failed} per day and entry of `field` in the breakdowns of
 * `answers` (one answer, or the pages of one query), the entry named by `nameOf(name, entry)`.
 */
export function activityRecords(answers, field, nameOf = (name) => name) {
  const out = [];
  for (const answer of [answers].flat()) {
    for (const day of answer?.results || []) {
      for (const [name, entry] of Object.entries(day.breakdown?.[field] || {})) {
        out.push(record(String(day.date).slice(0, 10), nameOf(name, entry), entry.metrics));
      }
    }
  }
  return out;
}

/** Each day's own totals as records (group 'total'): what dailyTotals sums. */
export function activityDays(answers) {
  const out = [];
  for (const answer of [answers].flat()) {
    for (const day of answer?.results || []) out.push(record(String(day.date).slice(0, 10), 'total', day.metrics));
  }
  return out;
}

/**
 * `records` plus, per day, one record named `name` for what the day's totals (`days`, from activityDays) hold beyond
 * them: the calls a team or customer breakdown does not cover. Days where nothing is left add nothing.
 */
export function withRest(records, days, name) {
  const covered = new Map();
  for (const r of records) {
    const c = covered.get(r.day) || record(r.day, name);
    c.spend += r.spend; c.tokens += r.tokens; c.requests += r.requests; c.failed += r.failed;
    covered.set(r.day, c);
  }
  const rest = [];
  for (const d of days) {
    const c = covered.get(d.day) || record(d.day, name);
    const left = {day: d.day, group: name, spend: Math.max(0, d.spend - c.spend), tokens: d.tokens - c.tokens,
      requests: d.requests - c.requests, failed: d.failed - c.failed};
    if (left.requests > 0) rest.push(left);
  }
  return [...records, ...rest];
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
