// Turns /spend/logs rows into per-day totals and CSV; no DOM here.

/** One entry per UTC day from `from` to `to` (YYYY-MM-DD, inclusive), days without calls included as zeros. */
export function spendPerDay(rows, from, to) {
  const days = new Map();
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86400000)) {
    const day = d.toISOString().slice(0, 10);
    days.set(day, {day, requests: 0, failures: 0, tokens: 0, spend: 0});
  }
  for (const row of rows) {
    const day = String(row.startTime || '').slice(0, 10);
    const entry = days.get(day);
    if (!entry) continue;
    entry.requests += 1;
    if (row.status && row.status !== 'success') entry.failures += 1;
    entry.tokens += Number(row.total_tokens || 0);
    entry.spend += Number(row.spend || 0);
  }
  return [...days.values()];
}

/** RFC 4180 CSV: a header row, then one line per record; fields with commas, quotes or newlines are quoted. */
export function toCsv(columns, records) {
  const quote = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map((c) => quote(c.label)).join(','),
    ...records.map((r) => columns.map((c) => quote(c.value(r))).join(','))].join('\r\n') + '\r\n';
}

/** Offers `text` as a file download, without a server round trip. */
export function download(filename, text, type = 'text/csv') {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], {type}));
  link.download = filename;
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 0);
}
