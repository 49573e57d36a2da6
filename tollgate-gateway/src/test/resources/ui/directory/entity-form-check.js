// Run in the dashboard page by EntityFormModuleBrowserTest (executeAsyncScript): builds forms from field specs with
// the page's own module and hands back the create and update bodies it computes. The last argument is Selenium's
// callback.
const done = arguments[arguments.length - 1];
(async () => {
  const forms = await import('/ui/pages/entity-form.js');
  const specs = [
    {name: 'team_alias', label: 'Alias'},
    {name: 'max_budget', label: 'Budget', kind: 'money'},
    {name: 'rpm_limit', label: 'RPM', kind: 'count'},
    {name: 'tags', label: 'Tags', kind: 'list'},
    {name: 'metadata', label: 'Metadata', kind: 'json'},
    {name: 'models', label: 'Models', kind: 'checks', options: [['a', 'a'], ['b', 'b']]},
    {name: 'region', label: 'Region', kind: 'select', options: [['', 'Any'], ['eu', 'EU']]},
    {name: 'auto_create_key', label: 'Key', kind: 'flag'},
  ];
  function form(initial) {
    const f = document.createElement('form');
    for (const s of specs) f.append(forms.control(s, initial[s.name]));
    return f;
  }

  // create: blanks left out, numbers and lists parsed, a false flag kept
  const created = form({});
  created.elements.team_alias.value = '  core  ';
  created.elements.max_budget.value = '12.5';
  created.elements.tags.value = 'ml, prod,, ';
  created.elements.metadata.value = '{"owner": "ml"}';
  created.querySelector('input[name=models][value=b]').checked = true;
  const createBody = forms.createBody(created, specs);

  // update: only what changed; a cleared budget is null, unticked models an empty list
  const initial = {team_alias: 'core', max_budget: 25, rpm_limit: 5, tags: ['x'], metadata: {owner: 'ml'},
    models: ['a', 'legacy'], region: 'eu'};
  const edited = form(initial);
  edited.elements.max_budget.value = '';
  edited.elements.rpm_limit.value = '6';
  edited.querySelectorAll('input[name=models]').forEach((i) => { i.checked = false; });
  edited.elements.metadata.value = '{ "owner" : "ml" }';
  const changed = forms.changedBody(edited, specs.filter((s) => s.kind !== 'flag'), initial);
  const keptLegacy = [...form(initial).querySelectorAll('input[name=models]')].map((i) => `${i.value}:${i.checked}`);
  const unchanged = forms.changedBody(form(initial), specs.filter((s) => s.kind !== 'flag'), initial);

  // bad JSON is a readable error before any call
  const bad = form({});
  bad.elements.metadata.value = '{owner: ml}';
  let badJson = null;
  try { forms.createBody(bad, specs); } catch (e) { badJson = e.message; }
  bad.elements.metadata.value = '[1, 2]';
  let notObject = null;
  try { forms.createBody(bad, specs); } catch (e) { notObject = e.message; }
  return {createBody, changed, keptLegacy, unchanged, badJson, notObject};
})().then((r) => done(JSON.stringify(r)), (e) => done(JSON.stringify({error: String(e)})));
