// What the Guardrails page's form offers per integration: the options of Tollgate's built-ins and remote guardrails
// (docs/guardrails.md), each with its kind of control and its default. Options without a field here are edited in
// the form's "Other litellm_params" JSON; the gateway checks everything again when it saves.

/** LiteLLM's modes, in the order a request meets them. */
export const MODES = [
  ['pre_call', 'pre_call: before the model call'],
  ['during_call', 'during_call: beside the model call'],
  ['post_call', 'post_call: on the reply'],
  ['logging_only', 'logging_only: on the stored log only'],
];

const PII = ['EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'IP_ADDRESS'].map((e) => [e, e]);
const BLOCK_FIRST = [['BLOCK', 'Block the request'], ['MASK', 'Mask what was found']];
const MASK_FIRST = [['MASK', 'Mask what was found'], ['BLOCK', 'Block the request']];
const FALLBACK = [['fail_closed', 'Fail closed: refuse the request (503)'], ['fail_open', 'Fail open: let it through']];
const TIMEOUT = {name: 'timeout', label: 'Timeout (seconds)', kind: 'number', short: true};

/**
 * Field kinds: text, url, secret (write-only password), number, lines (a list, one item per line), checks
 * (checkboxes → list), select, flag (checkbox → boolean), topics ("topic: word, word" per line → object),
 * textarea (long text). `default` is what the gateway assumes when the option is left out.
 */
export const INTEGRATIONS = [
  {id: 'tollgate/keywords', label: 'Banned keywords and patterns (tollgate/keywords)', fields: [
    {name: 'keywords', label: 'Keywords', kind: 'lines', hint: 'One word or phrase per line; matched case-insensitively'},
    {name: 'patterns', label: 'Regular expressions', kind: 'lines', hint: 'One Java regular expression per line'},
    {name: 'whole_words', label: 'Match whole words only', kind: 'flag', default: true},
    {name: 'action', label: 'When found', kind: 'select', options: BLOCK_FIRST, default: 'BLOCK'},
  ]},
  {id: 'tollgate/pii', label: 'Personal data (tollgate/pii)', fields: [
    {name: 'entities', label: 'Entities to look for', kind: 'checks', options: PII, hint: 'None checked: all of them'},
    {name: 'action', label: 'When found', kind: 'select', options: MASK_FIRST, default: 'MASK'},
  ]},
  {id: 'tollgate/secrets', label: 'Credentials and secrets (tollgate/secrets)', fields: [
    {name: 'action', label: 'When found', kind: 'select', options: MASK_FIRST, default: 'MASK'},
    {name: 'detect_high_entropy', label: 'Also flag random-looking tokens', kind: 'flag', default: true},
  ]},
  {id: 'tollgate/prompt_injection', label: 'Prompt injection (tollgate/prompt_injection)', fields: [
    {name: 'threshold', label: 'Blocking score', kind: 'number', default: 0.8, short: true,
      hint: 'Default 0.8; lower blocks more'},
  ]},
  {id: 'tollgate/max_input', label: 'Input size (tollgate/max_input)', fields: [
    {name: 'max_tokens', label: 'Most input tokens', kind: 'number', short: true},
    {name: 'max_chars', label: 'Most characters per text', kind: 'number', short: true},
  ]},
  {id: 'tollgate/topics', label: 'Allowed and denied topics (tollgate/topics)', fields: [
    {name: 'allowed_topics', label: 'Allowed topics', kind: 'topics',
      hint: 'One topic per line: "orders: order, refund, parcel". Texts must mention one of them'},
    {name: 'denied_topics', label: 'Denied topics', kind: 'topics', hint: 'One topic per line: "weapons: gun, rifle"'},
  ]},
  {id: 'generic_guardrail_api', label: 'A guardrail service (generic_guardrail_api)', fields: [
    {name: 'api_base', label: 'Service URL (api_base)', kind: 'url', required: true,
      hint: '/beta/litellm_basic_guardrail_api is appended'},
    {name: 'api_key', label: 'API key', kind: 'secret', hint: 'Sent as x-api-key; stored encrypted, never shown again'},
    TIMEOUT,
    {name: 'unreachable_fallback', label: 'When the service fails', kind: 'select', options: FALLBACK,
      default: 'fail_closed', short: true},
  ]},
  {id: 'tollgate/llm_judge', label: 'A model judges the text (tollgate/llm_judge)', fields: [
    {name: 'model', label: 'Judge model group', kind: 'text', required: true, suggest: 'models'},
    {name: 'policy', label: 'Policy', kind: 'textarea', hint: 'What is allowed; put into the judge\'s prompt'},
    TIMEOUT,
    {name: 'unreachable_fallback', label: 'When the judge fails', kind: 'select', options: FALLBACK,
      default: 'fail_closed', short: true},
  ]},
];

/** The integration with this id, or a bare one (an id the form has no fields for: its options go in the JSON). */
export function integration(id) {
  return INTEGRATIONS.find((i) => i.id === id) || {id, label: id, fields: []};
}
