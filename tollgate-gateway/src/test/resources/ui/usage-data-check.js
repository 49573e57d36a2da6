// Run in the dashboard page by UsagePageBrowserTest (executeAsyncScript): feeds the usage page's pure modules small
// daily-activity answers (LiteLLM's SpendAnalyticsPaginatedResponse shape) and key edits, and hands back what they
// computed. The last argument is Selenium's callback.
const done = arguments[arguments.length - 1];
(async () => {
  const data = await import('/ui/usage-data.js');
  const form = await import('/ui/pages/key-form.js');
  const m = (spend, tokens, requests, failed) => ({metrics: {spend, total_tokens: tokens, api_requests: requests,
    failed_requests: failed}});
  const users = {results: [
    {date: '2026-01-03', ...m(4, 5, 1, 0), breakdown: {model_groups: {x: m(4, 5, 1, 0)},
      providers: {openai: m(4, 5, 1, 0)}, api_keys: {k1: {...m(4, 5, 1, 0), metadata: {key_alias: 'one'}}}}},
    {date: '2026-01-01', ...m(3, 30, 3, 1), breakdown: {model_groups: {g1: m(1, 10, 1, 0), g2: m(2, 20, 2, 1)},
      providers: {openai: m(1, 10, 1, 0), mock: m(2, 20, 2, 1)},
      api_keys: {k1: {...m(1, 10, 1, 0), metadata: {key_alias: 'one'}},
        k2hash0123456789: {...m(2, 20, 2, 1), metadata: {key_alias: null}}}}},
  ], metadata: {total_spend: 7}};
  const teams = {results: [{date: '2026-01-01', ...m(1, 10, 1, 0), breakdown: {entities: {
    'team-a': {...m(1, 10, 1, 0), metadata: {team_alias: 'A'}}}}}]};
  const days = data.activityDays(users);
  const range = data.daysBetween('2026-01-01', '2026-01-03');
  const group = (dim, answer) => data.breakdown(data.activityRecords(answer, data.DIMENSIONS[dim].field,
    data.DIMENSIONS[dim].name), (r) => r.group);
  const byModel = group('model', users);
  const lines = data.series(byModel, range, 'spend', 2); // three groups, top two: the third goes to Other
  const teamRecords = data.activityRecords(teams, 'entities', data.DIMENSIONS.team.name);
  const byTeam = data.breakdown(data.withRest(teamRecords, days, '(no team)'), (r) => r.group);
  const key = {key_alias: 'a', max_budget: 1, metadata: {guardrails: ['g'], owner: 'x'}};
  const edit = form.updateBody('hash', form.keyValues(key), {...form.keyValues(key), max_budget: null,
    metadata: {owner: 'y'}}, key);
  const limited = {key_alias: 'b', model_max_budget: {m: 5}, model_rpm_limit: {m: 10}};
  const before = form.keyValues(limited);
  return {
    totals: data.dailyTotals(days, '2026-01-01', '2026-01-03'),
    models: byModel.groups.map((g) => `${g.name}:${g.requests}:${g.spend}`),
    providers: group('provider', users).groups.map((g) => `${g.name}:${g.requests}`),
    keys: group('key', users).groups.map((g) => `${g.name}:${g.requests}`),
    teams: byTeam.groups.map((g) => `${g.name}:${g.requests}:${g.spend}`),
    series: lines,
    stacked: data.stack(lines),
    edit,
    // a legacy bare-number budget is its 28-day window: read back unchanged, nothing is sent
    unchanged: form.updateBody('hash', before, {...before, model_max_budget: {m: {budget_limit: 5, time_period: '28d'}},
      model_rpm_limit: {m: 10}}, limited),
    limits: form.updateBody('hash', before, {...before, model_tpm_limit: {m: 100}, disable_global_guardrails: true},
      limited),
    created: form.createBody({...form.keyValues({key_alias: 'n'}), duration: null}),
  };
})().then((r) => done(JSON.stringify(r)), (e) => done(JSON.stringify({error: String(e)})));
