// The team dialogs shared by the teams list and a team's detail view: create (/team/new), edit (/team/update),
// block/unblock (/team/block, /team/unblock) and delete (/team/delete) behind a confirmation.
import {api} from '../api.js';
import {confirmDialog} from '../dialog.js';
import {readsAll} from '../roles.js';
import {formDialog} from './entity-form.js';
import {modelNames, organizations, guardrailNames, modelsSpec, options} from './choices.js';

export function teamName(t) {
  return t.team_alias || t.team_id;
}

/** The team form's fields; organizations and guardrails are offered when the gateway lists any. */
async function teamSpecs(role) {
  const [models, orgs, guardrails] = await Promise.all([modelNames(), readsAll(role) ? organizations() : [],
    guardrailNames()]);
  const specs = [
    {name: 'team_alias', label: 'Team alias'},
    {name: 'team_id', label: 'Team id', createOnly: true, hint: 'Empty: the gateway makes one'},
    orgs.length
      ? {name: 'organization_id', label: 'Organization', kind: 'select', options: [['', 'No organization'],
        ...options(orgs, (o) => o.organization_id,
          (o) => (o.organization_alias ? `${o.organization_alias} (${o.organization_id})` : o.organization_id))]}
      : {name: 'organization_id', label: 'Organization id', hint: 'Empty: no organization'},
    modelsSpec(models, 'Models the team may use', 'None checked: every model'),
    {name: 'max_budget', label: 'Max budget (USD)', kind: 'money', short: true},
    {name: 'budget_duration', label: 'Budget period', kind: 'duration', short: true,
      hint: 'e.g. 30d or 1mo: the spend resets after each; empty: never'},
    {name: 'rpm_limit', label: 'Requests per minute', kind: 'count', short: true},
    {name: 'tpm_limit', label: 'Tokens per minute', kind: 'count', short: true},
    {name: 'max_parallel_requests', label: 'Parallel requests', kind: 'count', short: true},
    {name: 'tags', label: 'Tags', kind: 'list', hint: 'Comma-separated'},
    {name: 'metadata', label: 'Metadata (JSON object)', kind: 'json'},
  ];
  if (guardrails.length) {
    specs.push({name: 'guardrails', label: 'Guardrails on every call of the team\'s keys', kind: 'checks',
      options: guardrails.map((g) => [g, g])});
  }
  return specs;
}

/** The create dialog; resolves with the new team, or null when cancelled. */
export async function createTeam(role) {
  return formDialog({title: 'Create a team', id: 'create-team-form', specs: await teamSpecs(role),
    submitLabel: 'Create team', submit: (body) => api('/team/new', {method: 'POST', body})});
}

/** The edit dialog, filled with the team; resolves with /team/update's reply, or null when cancelled. */
export async function editTeam(role, team) {
  const initial = {...team, guardrails: team.metadata?.guardrails || []};
  return formDialog({title: `Edit team ${teamName(team)}`, id: 'edit-team-form', specs: await teamSpecs(role), initial,
    submitLabel: 'Save team',
    submit: (body) => api('/team/update', {method: 'POST', body: {team_id: team.team_id, ...body}})});
}

export function setBlocked(team, blocked) {
  return api(blocked ? '/team/block' : '/team/unblock', {method: 'POST', body: {team_id: team.team_id}});
}

/** Asks first; resolves with /team/delete's reply, or null when the question was declined. */
export async function deleteTeam(team) {
  const sure = await confirmDialog('Delete team?', `Delete team ${teamName(team)}? Its keys are deleted with it and `
    + 'its members leave it. This cannot be undone.', 'Delete team');
  return sure ? api('/team/delete', {method: 'POST', body: {team_ids: [team.team_id]}}) : null;
}
