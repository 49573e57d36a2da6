// Limits of organizations and customers: LiteLLM keeps them in a budget row (/budget/*) that the entity points to by
// `budget_id` and shows as `litellm_budget_table`; their create and update bodies take the limit fields directly.
import {options} from './choices.js';

/** The limit fields, as /budget/new and the organization and customer bodies name them. */
export function limitSpecs() {
  return [
    {name: 'max_budget', label: 'Max budget (USD)', kind: 'money', short: true},
    {name: 'budget_duration', label: 'Budget period', kind: 'duration', short: true,
      hint: 'e.g. 30d; empty: never resets'},
    {name: 'rpm_limit', label: 'Requests per minute', kind: 'count', short: true},
    {name: 'tpm_limit', label: 'Tokens per minute', kind: 'count', short: true},
    {name: 'max_parallel_requests', label: 'Parallel requests', kind: 'count', short: true},
  ];
}

/** Pick an existing budget instead of limits of its own (create only: an edit changes the linked row's limits). */
export function budgetIdSpec(budgets) {
  return budgets.length
    ? {name: 'budget_id', label: 'Shared budget', kind: 'select', createOnly: true,
      options: [['', 'None: the limits below'], ...options(budgets, (b) => b.budget_id, (b) => describe(b))],
      hint: 'A shared budget, or limits of its own below; not both'}
    : null;
}

function describe(b) {
  const max = b.max_budget === null || b.max_budget === undefined ? 'no max' : `$${b.max_budget}`;
  return `${b.budget_id} (${max}${b.budget_duration ? ` per ${b.budget_duration}` : ''})`;
}

/** The entity with its budget row's limits as top-level fields, as the forms show them. */
export function withLimits(entity) {
  const b = entity.litellm_budget_table || {};
  const out = {...entity};
  for (const name of ['max_budget', 'budget_duration', 'rpm_limit', 'tpm_limit', 'max_parallel_requests']) {
    out[name] = b[name] ?? null;
  }
  return out;
}

/** What an edit dialog says about where the limits live. */
export function limitsIntro(entity) {
  return entity.budget_id
    ? `Limits are kept in budget ${entity.budget_id}; anything else using that budget gets the new limits too.`
    : null;
}
