// The organization dialogs shared by the list and an organization's detail view: create (/organization/new),
// edit (PATCH /organization/update) and delete (DELETE /organization/delete) behind a confirmation.
import {api} from '../api.js';
import {confirmDialog} from '../dialog.js';
import {formDialog} from './entity-form.js';
import {modelNames, budgets, modelsSpec} from './choices.js';
import {limitSpecs, budgetIdSpec, withLimits, limitsIntro} from './budget-fields.js';

export function orgName(o) {
  return o.organization_alias || o.organization_id;
}

async function orgSpecs() {
  const [models, budgetList] = await Promise.all([modelNames(), budgets()]);
  return [
    {name: 'organization_alias', label: 'Organization name', required: true},
    {name: 'organization_id', label: 'Organization id', createOnly: true, hint: 'Empty: the gateway makes one'},
    modelsSpec(models, 'Models its teams may use', 'None checked: every model'),
    budgetIdSpec(budgetList),
    ...limitSpecs(),
    {name: 'metadata', label: 'Metadata (JSON object)', kind: 'json'},
  ].filter(Boolean);
}

export async function createOrganization() {
  return formDialog({title: 'Create an organization', id: 'create-org-form', specs: await orgSpecs(),
    submitLabel: 'Create organization', submit: (body) => api('/organization/new', {method: 'POST', body})});
}

export async function editOrganization(org) {
  return formDialog({title: `Edit organization ${orgName(org)}`, id: 'edit-org-form', specs: await orgSpecs(),
    initial: withLimits(org), intro: limitsIntro(org), submitLabel: 'Save organization',
    submit: (body) => api('/organization/update',
      {method: 'PATCH', body: {organization_id: org.organization_id, ...body}})});
}

export async function deleteOrganization(org) {
  const sure = await confirmDialog('Delete organization?', `Delete organization ${orgName(org)}? Its members leave it. `
    + 'This cannot be undone.', 'Delete organization');
  return sure ? api('/organization/delete', {method: 'DELETE', body: {organization_ids: [org.organization_id]}}) : null;
}
