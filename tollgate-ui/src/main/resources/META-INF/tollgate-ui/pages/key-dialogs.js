// The key dialogs: create (/key/generate), edit (/key/update) and regenerate (/key/regenerate). A new or regenerated
// key is shown once, with a Copy button; the gateway keeps only its hash.
import {h, field, errorBox} from '../dom.js';
import {api} from '../api.js';
import {openDialog, confirmDialog} from '../dialog.js';
import {keyFormChoices, keyFields, keyValues, updateBody, createBody} from './key-form.js';

/** A modal form around `fields`; `submit(values)` runs on Save and its error is shown in the dialog. */
async function formDialog(title, fields, submitLabel, submitId, submit) {
  const error = h('div', {class: 'status-slot'});
  const form = h('form', {class: 'key-form', novalidate: true}, error, fields.elements,
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary', onclick: () => form.closest('dialog').close('cancel')}, 'Cancel'),
      h('button', {type: 'submit', id: submitId}, submitLabel)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.replaceChildren();
    let values;
    try {
      values = fields.read();
    } catch (problem) {
      error.replaceChildren(errorBox(problem.message));
      error.scrollIntoView({block: 'nearest'});
      return;
    }
    try {
      await submit(values, form);
    } catch (problem) {
      error.replaceChildren(errorBox(problem.message));
      error.scrollIntoView({block: 'nearest'}); // the message sits above the fields: bring it into view
    }
  });
  await openDialog(title, form);
}

export async function createKey(reload) {
  const fields = keyFields(await keyFormChoices(), {}, {create: true});
  let created = null;
  await formDialog('Create a virtual key', fields, 'Create key', 'create-key-submit', async (values, form) => {
    created = await api('/key/generate', {method: 'POST', body: createBody(values)});
    form.closest('dialog').close('created');
  });
  if (created) {
    await reload();
    await showNewKey(created, `Key ${created.key_alias || created.key_name} created`);
  }
}

/** Edits `key` (a /key/list object); resolves true when it was saved. */
export async function editKey(key, reload, announceDone) {
  const fields = keyFields(await keyFormChoices(), key);
  const label = key.key_alias || key.key_name;
  let saved = false;
  await formDialog(`Edit key ${label}`, fields, 'Save changes', 'edit-key-submit', async (values, form) => {
    const body = updateBody(key.token, keyValues(key), values, key);
    if (Object.keys(body).length > 1) await api('/key/update', {method: 'POST', body});
    saved = true;
    form.closest('dialog').close('saved');
  });
  if (saved) {
    await reload();
    announceDone(`${label} saved.`);
  }
  return saved;
}

/** Replaces `key` by a new secret after a confirmation; the old one is refused at once. */
export async function regenerateKey(key, reload, showError) {
  const label = key.key_alias || key.key_name;
  const sure = await confirmDialog('Regenerate key?', `Regenerate ${label}? A new secret replaces it; clients still `
    + 'using the old one are refused at once. Its settings and spend stay.', 'Regenerate key');
  if (!sure) return;
  try {
    const fresh = await api('/key/regenerate', {method: 'POST', body: {key: key.token}});
    await reload();
    await showNewKey(fresh, `Key ${label} regenerated`);
  } catch (e) {
    showError(e.message);
  }
}

async function showNewKey(created, title) {
  const value = h('input', {id: 'new-key-value', readonly: true, value: created.key, class: 'mono', size: 50});
  const copied = h('span', {role: 'status', class: 'muted'});
  const copy = h('button', {type: 'button', id: 'copy-key', onclick: async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      copied.textContent = 'Copied.';
    } catch {
      value.select();
      copied.textContent = 'Select and copy the key (Ctrl+C).';
    }
  }}, 'Copy');
  const body = h('div', {},
    h('p', {}, 'Copy this key now: it is shown only once. The gateway keeps only its hash.'),
    field('New key', value), h('div', {class: 'inline'}, copy, copied));
  const done = h('button', {type: 'button', onclick: (e) => e.target.closest('dialog').close('done')}, 'Done');
  await openDialog(title, body, {buttons: [done]});
}
