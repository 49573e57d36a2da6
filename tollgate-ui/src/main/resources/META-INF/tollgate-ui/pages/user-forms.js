// The user dialogs shared by the users list and a user's detail view: create (/user/new, with the user's first key
// shown once when one is made), edit (/user/update) and delete (/user/delete) behind a confirmation.
import {h, field} from '../dom.js';
import {api} from '../api.js';
import {openDialog, confirmDialog} from '../dialog.js';
import {roleLabel} from '../roles.js';
import {formDialog} from './entity-form.js';
import {modelNames, teams, modelsSpec, options} from './choices.js';

export const USER_ROLES = ['internal_user', 'internal_user_viewer', 'proxy_admin', 'proxy_admin_viewer', 'org_admin']
  .map((r) => [r, `${roleLabel(r)} (${r})`]);

export function userName(u) {
  return u.user_email || u.user_alias || u.user_id;
}

async function userSpecs() {
  const [models, teamList] = await Promise.all([modelNames(), teams()]);
  return [
    {name: 'user_id', label: 'User id', createOnly: true, hint: 'Empty: the gateway makes one'},
    {name: 'user_email', label: 'E-mail', short: true},
    {name: 'user_alias', label: 'Display name', short: true},
    {name: 'user_role', label: 'Role', kind: 'select', options: USER_ROLES, initial: 'internal_user'},
    modelsSpec(models, 'Models the user may use', 'None checked: every model'),
    {name: 'max_budget', label: 'Max budget (USD)', kind: 'money', short: true},
    {name: 'budget_duration', label: 'Budget period', kind: 'duration', short: true,
      hint: 'e.g. 30d; empty: never resets'},
    {name: 'rpm_limit', label: 'Requests per minute', kind: 'count', short: true},
    {name: 'tpm_limit', label: 'Tokens per minute', kind: 'count', short: true},
    teamList.length
      ? {name: 'teams', label: 'Teams (joins as a user)', kind: 'checks', createOnly: true,
        options: options(teamList, (t) => t.team_id, (t) => t.team_alias || t.team_id)}
      : {name: 'teams', label: 'Team ids', kind: 'list', createOnly: true, hint: 'Comma-separated'},
    {name: 'metadata', label: 'Metadata (JSON object)', kind: 'json'},
    {name: 'auto_create_key', label: 'Also create a key for this user (shown once)', kind: 'flag', createOnly: true},
  ];
}

/** The create dialog; resolves with /user/new's reply (its `key` already shown), or null when cancelled. */
export async function createUser() {
  const created = await formDialog({title: 'Create a user', id: 'create-user-form', specs: await userSpecs(),
    submitLabel: 'Create user', submit: (body) => api('/user/new', {method: 'POST', body})});
  if (created?.key) await showKeyOnce(created);
  return created;
}

export async function editUser(user) {
  return formDialog({title: `Edit user ${userName(user)}`, id: 'edit-user-form', specs: await userSpecs(), initial: user,
    submitLabel: 'Save user',
    submit: (body) => api('/user/update', {method: 'POST', body: {user_id: user.user_id, ...body}})});
}

/** Asks first; resolves with /user/delete's reply, or null when declined. */
export async function deleteUser(user) {
  const sure = await confirmDialog('Delete user?', `Delete ${userName(user)}? Their keys are deleted with them and they `
    + 'leave every team and organization. This cannot be undone.', 'Delete user');
  return sure ? api('/user/delete', {method: 'POST', body: {user_ids: [user.user_id]}}) : null;
}

async function showKeyOnce(created) {
  const value = h('input', {id: 'new-user-key', readonly: true, value: created.key, class: 'mono', size: 50});
  const done = h('button', {type: 'button', onclick: (e) => e.target.closest('dialog').close('done')}, 'Done');
  await openDialog(`Key for ${userName(created)}`, h('div', {},
    h('p', {}, 'Copy this key now: it is shown only once. The gateway keeps only its hash.'),
    field('New key', value)), {buttons: [done]});
}
