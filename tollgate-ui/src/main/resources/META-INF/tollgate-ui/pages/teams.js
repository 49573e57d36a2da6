// Teams: the list (/team/list: every team for admins and viewers, a user's own teams otherwise), searched and paged
// in the browser (the API returns them whole), with create, edit, block/unblock and delete for proxy admins; a team's
// id in the hash (#/teams?team_id=) opens its detail view (team-detail.js).
import {h} from '../dom.js';
import {api} from '../api.js';
import {canManage, readsAll} from '../roles.js';
import {teamsOf} from './choices.js';
import {listView, budgetText, limitsText, modelsText, statusBadge, actionButton, detailLink, hashParam, notice,
  failure} from './entity-list.js';
import {createTeam, editTeam, setBlocked, deleteTeam, teamName} from './team-forms.js';
import {teamDetail} from './team-detail.js';

export async function teamsPage(main, session) {
  const teamId = hashParam('team_id');
  if (teamId) {
    await teamDetail(main, teamId, session);
    return;
  }
  const {role} = session;
  const manage = canManage(role);
  const messages = h('div', {class: 'status-slot'});
  const view = listView({noun: 'team', plural: 'teams', id: 'teams-list',
    columns: ['Team', 'Id', 'Organization', 'Members', 'Models', 'Spend / budget', 'Limits', 'Status',
      h('span', {class: 'visually-hidden'}, 'Actions')],
    text: (t) => [t.team_alias, t.team_id, t.organization_id, ...(t.tags || [])].filter(Boolean).join(' '),
    row: (t) => ({
      attrs: {'data-team-alias': t.team_alias || '', 'data-team-id': t.team_id},
      cells: [detailLink('teams', 'team_id', t.team_id, teamName(t)), h('code', {}, t.team_id),
        t.organization_id || '—', (t.members_with_roles || []).length, modelsText(t.models),
        budgetText(t.spend, t.max_budget), limitsText(t.rpm_limit, t.tpm_limit), statusBadge(t.blocked),
        h('div', {class: 'row-actions'}, manage ? actions(t) : [])],
    })});
  main.append(
    h('div', {class: 'page-head'},
      h('h1', {}, readsAll(role) ? 'Teams' : 'Your teams'),
      manage ? h('button', {type: 'button', id: 'create-team', onclick: async () => {
        const created = await createTeam(role);
        if (created) done(`Team ${teamName(created)} created.`);
      }}, 'Create team') : null),
    messages, view.element);

  function actions(t) {
    const name = teamName(t);
    return [
      actionButton('Edit', `Edit ${name}`, async () => {
        if (await editTeam(role, t)) done(`Team ${name} saved.`);
      }),
      actionButton(t.blocked ? 'Unblock' : 'Block', `${t.blocked ? 'Unblock' : 'Block'} ${name}`,
        () => run(() => setBlocked(t, !t.blocked), `Team ${name} ${t.blocked ? 'unblocked' : 'blocked'}.`),
        {focusId: `block:${t.team_id}`}),
      actionButton('Delete', `Delete ${name}`, () => run(() => deleteTeam(t), `Team ${name} deleted.`),
        {danger: true}),
    ];
  }

  async function run(call, message) {
    try {
      if (await call()) await done(message);
    } catch (e) {
      failure(messages, e);
    }
  }

  async function done(message) {
    notice(messages, message);
    await load();
  }

  async function load() {
    try {
      view.show(teamsOf(await api('/team/list')));
    } catch (e) {
      failure(messages, e);
    }
  }

  await load();
}
