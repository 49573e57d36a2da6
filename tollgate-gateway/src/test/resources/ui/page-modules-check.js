// Run in the dashboard page by DashboardBrowserTest (executeAsyncScript): exercises the page's own modules and
// hands back what they computed. The last argument is Selenium's callback.
const done = arguments[arguments.length - 1];
(async () => {
  const spend = await import('/ui/spend.js');
  const sse = await import('/ui/sse.js');
  const days = spend.spendPerDay([
    {startTime: '2026-01-02T10:00:00Z', spend: 0.5, total_tokens: 10, status: 'success'},
    {startTime: '2026-01-02T23:59:59Z', spend: 0.25, total_tokens: 5, status: 'failure'},
    {startTime: '2026-01-05T00:00:00Z', spend: 9, total_tokens: 1, status: 'success'},
  ], '2026-01-01', '2026-01-03');
  const csv = spend.toCsv([{label: 'name', value: (r) => r.name}, {label: 'n', value: (r) => r.n}],
    [{name: 'plain', n: 1}, {name: 'has, comma', n: 2}, {name: 'has "quote"', n: null}]);
  // an SSE body split at awkward places: inside "data:", between \r and \n, inside a multi-byte character
  const bytes = new TextEncoder().encode('data: {"a":1}\r\n\r\ndata: caf\u00e9\n\n: comment\n\ndata: two\ndata: lines\n\ndata: [DONE]\n\n');
  const cuts = [3, 15, 16, 25, 26, bytes.length];
  let from = 0;
  const body = new ReadableStream({
    pull(controller) {
      if (!cuts.length) { controller.close(); return; }
      const to = cuts.shift();
      controller.enqueue(bytes.slice(from, to));
      from = to;
    },
  });
  const events = [];
  for await (const data of sse.sseData(body)) events.push(data);
  return {days, csv, events};
})().then((r) => done(JSON.stringify(r)), (e) => done(JSON.stringify({error: String(e)})));
