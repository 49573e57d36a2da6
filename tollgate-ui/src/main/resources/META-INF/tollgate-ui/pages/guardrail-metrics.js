// Guardrail run counts for the Guardrails page, read from the gateway's Prometheus text (/metrics):
// tollgate_guardrail_runs_total{guardrail, mode, outcome}, summed per guardrail and outcome. Counts are this gateway
// instance's since it started.

const SERIES = 'tollgate_guardrail_runs_total{';
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Prometheus' label escapes (\\, \", \n) undone. */
function unescape(value) {
  return value.replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
}

/** Map guardrail name → {total, passed, blocked, masked, error, timeout} from Prometheus text. */
export function guardrailRuns(text) {
  const out = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith(SERIES)) continue;
    const end = line.lastIndexOf('}');
    const value = Number(line.slice(end + 1).trim().split(/\s+/)[0]);
    if (end < 0 || !Number.isFinite(value)) continue;
    const labels = {};
    for (const m of line.slice(SERIES.length, end).matchAll(LABEL)) labels[m[1]] = unescape(m[2]);
    if (!labels.guardrail) continue;
    const runs = out.get(labels.guardrail) || {total: 0, passed: 0, blocked: 0, masked: 0, error: 0, timeout: 0};
    runs.total += value;
    if (labels.outcome in runs) runs[labels.outcome] += value;
    out.set(labels.guardrail, runs);
  }
  return out;
}

/** The counts from GET /metrics, or null when it cannot be read (the page then shows no counts). */
export async function loadRuns() {
  try {
    const response = await fetch('/metrics', {cache: 'no-store'});
    return response.ok ? guardrailRuns(await response.text()) : null;
  } catch {
    return null;
  }
}

/** "12 runs · 3 blocked · 2 masked" (outcomes that happened only). */
export function runsText(runs) {
  if (!runs || runs.total === 0) return 'No runs yet';
  const parts = [`${runs.total} run${runs.total === 1 ? '' : 's'}`];
  for (const outcome of ['blocked', 'masked', 'error', 'timeout']) {
    if (runs[outcome]) parts.push(`${runs[outcome]} ${outcome}`);
  }
  return parts.join(' · ');
}
