// Run in the dashboard page by GuardrailsPageBrowserTest (executeAsyncScript): the Guardrails page's metrics module
// on fixed Prometheus text (escaped label values, other series, comments). The last argument is Selenium's callback.
const done = arguments[arguments.length - 1];
(async () => {
  const metrics = await import('/ui/pages/guardrail-metrics.js');
  const text = [
    '# HELP tollgate_guardrail_runs_total guardrail runs by outcome',
    '# TYPE tollgate_guardrail_runs_total counter',
    'tollgate_guardrail_runs_total{guardrail="no-zeus",mode="pre_call",outcome="blocked"} 3.0',
    'tollgate_guardrail_runs_total{guardrail="no-zeus",mode="pre_call",outcome="passed"} 7.0',
    'tollgate_guardrail_runs_total{guardrail="no-zeus",mode="post_call",outcome="masked"} 2.0',
    'tollgate_guardrail_runs_total{guardrail="say \\"hi\\", please",mode="pre_call",outcome="timeout"} 1.0',
    'tollgate_guardrail_latency_seconds_count{guardrail="no-zeus",mode="pre_call"} 12.0',
    'tollgate_requests_total{model="x"} 5.0',
  ].join('\n');
  const runs = metrics.guardrailRuns(text);
  return {
    names: [...runs.keys()],
    zeus: runs.get('no-zeus'),
    zeusText: metrics.runsText(runs.get('no-zeus')),
    quoted: metrics.runsText(runs.get('say "hi", please')),
    none: metrics.runsText(undefined),
  };
})().then((r) => done(JSON.stringify(r)), (e) => done(JSON.stringify({error: String(e)})));
