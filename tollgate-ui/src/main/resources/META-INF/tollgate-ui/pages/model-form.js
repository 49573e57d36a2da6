// The add / edit dialog of the Models page: a model stored in the database (/model/new, /model/update), with a
// "Test connection" button (/health/test_connection) that tries the form's params before they are saved.
import {h, field, errorBox, uid} from '../dom.js';
import {api} from '../api.js';
import {openDialog} from '../dialog.js';

/** Provider prefixes offered while typing the upstream model (any prefix the gateway knows may be typed). */
const PROVIDERS = ['openai', 'anthropic', 'azure', 'gemini', 'vertex_ai', 'bedrock', 'groq', 'mistral', 'ollama',
  'together_ai', 'deepseek', 'xai', 'openrouter', 'cohere', 'fireworks_ai', 'hosted_vllm'];

/** litellm_params the form has fields for; every other non-secret param is edited as JSON. */
const OWN_FIELDS = ['model', 'api_base', 'rpm', 'tpm'];

/**
 * Opens the dialog. `existing` is a /model/info entry to edit (a stored model), or undefined to add one.
 * Resolves true when the model was saved.
 */
export async function modelDialog(existing) {
  const editing = Boolean(existing);
  const params = existing?.litellm_params || {};
  const info = existing?.model_info || {};
  const extras = Object.fromEntries(Object.entries(params).filter(([k]) => !OWN_FIELDS.includes(k)));

  const form = h('form', {class: 'model-form', novalidate: true});
  const name = h('input', {name: 'model_name', required: true, autocomplete: 'off', value: existing?.model_name || ''});
  const listId = uid('providers');
  const model = h('input', {name: 'model', required: true, autocomplete: 'off', list: listId, value: params.model || '',
    placeholder: 'openai/gpt-4o'});
  const base = h('input', {name: 'api_base', type: 'url', autocomplete: 'off', value: params.api_base || '',
    placeholder: 'https://api.example.com/v1'});
  const key = h('input', {name: 'api_key', type: 'password', autocomplete: 'new-password', spellcheck: 'false',
    placeholder: editing ? 'Stored (leave empty to keep it)' : ''});
  const rpm = h('input', {name: 'rpm', type: 'number', min: '0', step: '1', value: params.rpm ?? ''});
  const tpm = h('input', {name: 'tpm', type: 'number', min: '0', step: '1', value: params.tpm ?? ''});
  const other = h('textarea', {name: 'litellm_params_json', rows: 3, spellcheck: 'false',
    placeholder: '{"api_version": "2024-10-21", "timeout": 30}'});
  other.value = Object.keys(extras).length ? JSON.stringify(extras, null, 2) : '';
  const modelInfo = h('textarea', {name: 'model_info', rows: 3, spellcheck: 'false',
    placeholder: editing ? '{"mode": "embedding"}' : '{"mode": "chat", "input_cost_per_token": 0.0000025}'});
  const status = h('div', {class: 'status-slot'});
  const testButton = h('button', {type: 'button', class: 'secondary', id: 'model-test-connection'}, 'Test connection');

  form.append(
    h('datalist', {id: listId}, PROVIDERS.map((p) => h('option', {value: `${p}/`}))),
    h('div', {class: 'grid-2'},
      field('Model name', name, 'The name clients send as "model"'),
      field('Upstream model', model, 'provider/model, e.g. openai/gpt-4o or anthropic/claude-sonnet-4-5')),
    field('API base', base, 'Empty: the provider\'s default endpoint'),
    field('API key', key, editing
      ? 'Write-only. Leave empty to keep the stored key; it is never shown.'
      : 'Write-only: stored encrypted and never shown again.'),
    h('div', {class: 'grid-2'},
      field('Requests per minute (rpm)', rpm),
      field('Tokens per minute (tpm)', tpm)),
    field('Other litellm_params (JSON object)', other,
      'e.g. api_version, timeout; other credentials (aws_secret_access_key, vertex_credentials) are write-only too'),
    field(editing ? 'model_info changes (JSON object)' : 'model_info (JSON object)', modelInfo, editing
      ? 'Fields to set; a field set to null is removed; the rest stay as they are'
      : 'Optional: mode, prices, max_tokens, access_groups, ...'),
    editing ? h('details', {}, h('summary', {}, 'Current model_info'),
      h('pre', {class: 'raw'}, JSON.stringify(info, null, 2))) : '',
    status,
    h('div', {class: 'actions'},
      testButton,
      h('button', {type: 'button', class: 'secondary', onclick: () => form.closest('dialog').close('cancel')}, 'Cancel'),
      h('button', {type: 'submit', id: 'model-save'}, editing ? 'Save changes' : 'Add model')));

  /** The litellm_params the form describes; an unparsable field throws with a message naming it. */
  function formParams() {
    const out = {};
    const extra = parseObject(other.value, 'Other litellm_params');
    if ('api_key' in extra && key.value) throw new Error('The API key is given twice: in its field and in the JSON.');
    Object.assign(out, extra);
    if (!model.value.trim()) throw new Error('Upstream model is required, e.g. openai/gpt-4o.');
    out.model = model.value.trim();
    if (base.value.trim()) out.api_base = base.value.trim();
    if (key.value) out.api_key = key.value;
    if (rpm.value !== '') out.rpm = Number(rpm.value);
    if (tpm.value !== '') out.tpm = Number(tpm.value);
    return out;
  }

  testButton.addEventListener('click', async () => {
    status.replaceChildren(h('p', {class: 'muted'}, 'Testing the connection…'));
    testButton.disabled = true;
    try {
      const body = {litellm_params: formParams(), mode: 'chat'};
      const mode = parseObject(modelInfo.value, 'model_info').mode || info.mode;
      if (mode === 'embedding') body.mode = 'embedding';
      if (editing) body.model_info = {id: info.id};
      const reply = await api('/health/test_connection', {method: 'POST', body});
      status.replaceChildren(reply.status === 'success'
        ? h('p', {class: 'notice', role: 'status', id: 'model-test-result'}, 'Connection OK: the model answered.')
        : h('div', {class: 'error', role: 'alert', id: 'model-test-result'},
          `Connection failed: ${reply.result?.error || 'no reason given'}`));
      status.scrollIntoView({block: 'nearest'});
    } catch (e) {
      status.replaceChildren(errorBox(e.message));
    } finally {
      testButton.disabled = false;
    }
  });

  let saved = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.replaceChildren();
    try {
      if (!name.value.trim()) throw new Error('Model name is required.');
      const body = editing ? updateBody() : createBody();
      await api(editing ? '/model/update' : '/model/new', {method: 'POST', body});
      saved = true;
      form.closest('dialog').close('saved');
    } catch (problem) {
      status.replaceChildren(errorBox(problem.message));
      status.scrollIntoView({block: 'nearest'});
    }
  });

  function createBody() {
    const body = {model_name: name.value.trim(), litellm_params: formParams()};
    const infoObject = parseObject(modelInfo.value, 'model_info');
    if (Object.keys(infoObject).length) body.model_info = infoObject;
    return body;
  }

  /** Only what changed: cleared fields become null (removed), an empty key keeps the stored one. */
  function updateBody() {
    const next = formParams();
    const changes = {};
    for (const [k, v] of Object.entries(next)) {
      if (JSON.stringify(params[k]) !== JSON.stringify(v)) changes[k] = v;
    }
    for (const k of Object.keys(params)) {
      if (!(k in next)) changes[k] = null;
    }
    return {model_name: name.value.trim(), litellm_params: changes,
      model_info: {...parseObject(modelInfo.value, 'model_info'), id: info.id}};
  }

  await openDialog(editing ? `Edit ${existing.model_name}` : 'Add a model', form);
  return saved;
}

function parseObject(text, label) {
  if (!text.trim()) return {};
  let parsed;
  try { parsed = JSON.parse(text); } catch (err) { throw new Error(`${label} is not valid JSON: ${err.message}`); }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${label} must be a JSON object.`);
  return parsed;
}
