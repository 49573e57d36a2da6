// Run in the dashboard page by UsagePageBrowserTest (executeAsyncScript): feeds the usage page's pure modules a
// small /global/spend/report answer and a key edit, and hands back what they computed. The last argument is
// Selenium's callback.
const done = arguments[arguments.length - 1];
(async () => {
  const data = await import('/ui/usage-data.js');
  const form = await import('/ui/pages/key-form.js');
  const report = [
    {group_by_day: '2026-01-01T00:00:00+00:00', teams: [
      {team_name: 'A', total_spend: 3, metadata: [
        {model: 'm', model_group: 'g1', api_key: 'k1', spend: 1, total_tokens: 10, api_requests: 1, failed_requests: 0,
          custom_llm_provider: 'openai'},
        {model: 'm', model_group: 'g2', api_key: 'k2', spend: 2, total_tokens: 20, api_requests: 2, failed_requests: 1,
          custom_llm_provider: 'mock'}]}]},
    {group_by_day: '2026-01-03T00:00:00+00:00', teams: [
      {team_name: 'Unassigned Team', total_spend: 4, metadata: [
        {model: 'x', model_group: '', api_key: 'k1', spend: 4, total_tokens: 5, api_requests: 1, failed_requests: 0,
          custom_llm_provider: 'openai'}]}]},
  ];
  const records = data.flatten(report, 'teams', 'team_name');
  const days = data.daysBetween('2026-01-01', '2026-01-03');
  const byModel = data.breakdown(records, (r) => data.DIMENSIONS.model.group(r));
  const byProvider = data.breakdown(records, (r) => data.DIMENSIONS.provider.group(r));
  const lines = data.series(byModel, days, 'spend', 2); // three groups, top two: the third goes to Other
  const edit = form.updateBody('hash', form.keyValues({key_alias: 'a', max_budget: 1, metadata: {guardrails: ['g'],
    owner: 'x'}}), {...form.keyValues({key_alias: 'a', max_budget: 1, metadata: {guardrails: ['g'], owner: 'x'}}),
    max_budget: null, metadata: {owner: 'y'}}, {metadata: {guardrails: ['g'], owner: 'x'}});
  return {
    totals: data.dailyTotals(records, '2026-01-01', '2026-01-03'),
    models: byModel.groups.map((g) => `${g.name}:${g.requests}:${g.spend}`),
    providers: byProvider.groups.map((g) => `${g.name}:${g.requests}`),
    series: lines,
    stacked: data.stack(lines),
    edit,
  };
})().then((r) => done(JSON.stringify(r)), (e) => done(JSON.stringify({error: String(e)})));
