// Every change goes through one confirmation dialog: what will happen, the fields it needs, Cancel / Confirm.
// The API's sentence is shown in the dialog when command-service refuses; the dialog stays open to correct it.

import { act } from './api.js';
import { h, path } from './dom.js';

const dialog = () => document.getElementById('action');
let onDone = () => {};

/** Called with a sentence after each accepted action (the page refreshes itself from live events). */
export function whenDone(callback) {
  onDone = callback;
}

/**
 * Opens the dialog. spec: {title, text, confirm, fields: [{name, label, type?, value?, hint?, options?, required?}],
 * request(values) → [method, path, body?], done(answer, values) → sentence}.
 */
export function confirmAction(spec) {
  const element = dialog();
  const form = element.querySelector('form');
  // One command per confirmation: a retry after a network failure repeats it (same key, answered once); after a
  // refusal the corrected request is a new command, so it gets a new key.
  let key = crypto.randomUUID();
  element.querySelector('#action-title').textContent = spec.title;
  element.querySelector('#action-text').textContent = spec.text ?? '';
  element.querySelector('#action-error').textContent = '';
  const confirm = element.querySelector('#action-confirm');
  confirm.textContent = spec.confirm;
  confirm.disabled = false;
  element.querySelector('#action-fields').replaceChildren(...(spec.fields ?? []).map(field));
  form.onsubmit = async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    for (const box of form.querySelectorAll('input[type=checkbox]')) values[box.name] = box.checked;
    confirm.disabled = true;
    try {
      const [method, target, body] = spec.request(values);
      const answer = await act(method, target, body, key);
      element.close();
      onDone(spec.done ? spec.done(answer, values) : `${spec.title}: accepted`);
    } catch (error) {
      if (error.status) key = crypto.randomUUID();
      element.querySelector('#action-error').textContent = error.message;
      confirm.disabled = false;
    }
  };
  element.querySelector('#action-cancel').onclick = () => element.close();
  element.showModal();
  const first = element.querySelector('#action-fields input, #action-fields select, #action-fields textarea');
  (first ?? confirm).focus();
}

function field({ name, label, type = 'text', value, hint, options, required, placeholder }) {
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  let control;
  if (type === 'select') {
    control = h('select', { id, name }, options.map(([optionValue, text]) =>
      h('option', { value: optionValue, selected: optionValue === value }, text)));
  } else if (type === 'textarea') {
    control = h('textarea', { id, name, rows: 3, placeholder, 'aria-describedby': hintId }, value ?? '');
  } else if (type === 'checkbox') {
    return h('p.field.check', h('input', { id, name, type, checked: !!value, 'aria-describedby': hintId }),
      h('label', { for: id }, label), hint ? h('small', { id: hintId }, hint) : null);
  } else {
    control = h('input', { id, name, type, value: value ?? '', required, placeholder, autocomplete: 'off',
      'aria-describedby': hintId });
  }
  return h('p.field', h('label', { for: id }, label), control, hint ? h('small', { id: hintId }, hint) : null);
}

// ---- the actions -------------------------------------------------------------------------------------------

const envPath = (app, env) => `/api/v1/applications/${path(app, 'environments', env)}`;
const list = (text) => (text ?? '').split(/[\s,]+/).map((item) => item.trim()).filter(Boolean);
const blank = (text) => (text && text.trim() ? text.trim() : undefined);

/** KEY=VALUE lines → {KEY: VALUE}; undefined when empty. */
function pairs(text) {
  const entries = (text ?? '').split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf('=');
    return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1)];
  });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

export function create(app) {
  confirmAction({
    title: `Create an environment of ${app}`,
    text: 'Stagecraft creates it and deploys the version; it shows CREATE_PENDING, then RUNNING.',
    confirm: 'Create',
    fields: [
      { name: 'name', label: 'Name', required: true, hint: 'lower-case letters, digits and dashes, e.g. review-42' },
      { name: 'version', label: 'Version', required: true },
      { name: 'ttl', label: 'Time to live', hint: 'ISO-8601, e.g. PT72H; empty: it stays until archived' },
      { name: 'tags', label: 'Tags', hint: 'separated by commas or spaces' },
      { name: 'description', label: 'Description' },
      { name: 'overrides', label: 'Overrides', type: 'textarea', placeholder: 'KEY=value, one a line' },
    ],
    request: (v) => ['POST', `/api/v1/applications/${path(app)}/environments`, {
      name: v.name.trim(), version: v.version.trim(), ttl: blank(v.ttl), tags: list(v.tags),
      description: blank(v.description), overrides: pairs(v.overrides),
    }],
    done: (answer, v) => `creating ${app}/${v.name.trim()} with ${v.version.trim()}`,
  });
}

export function update(app, env, current) {
  confirmAction({
    title: `Update ${app}/${env}`,
    text: 'Deploys the version (and replaces the overrides, if you give any).',
    confirm: 'Update',
    fields: [
      { name: 'version', label: 'Version', value: current?.desiredVersion ?? '' },
      { name: 'overrides', label: 'Overrides (replace all; empty keeps them)', type: 'textarea',
        placeholder: 'KEY=value, one a line' },
    ],
    request: (v) => ['PATCH', envPath(app, env), { version: blank(v.version), overrides: pairs(v.overrides) }],
    done: (answer, v) => `updating ${app}/${env}${blank(v.version) ? ` to ${v.version.trim()}` : ''}`,
  });
}

export function promote(app, fromStage, version, stages) {
  const later = stages.slice(stages.indexOf(fromStage) + 1);
  confirmAction({
    title: version ? `Promote ${version} from ${fromStage}` : `Promote from ${fromStage}`,
    text: 'The version enters the next stage (or the one you choose) if it runs successfully in the stage before.',
    confirm: 'Promote',
    fields: [
      { name: 'version', label: 'Version', value: version ?? '', required: true },
      { name: 'to', label: 'To stage', type: 'select', value: later[0] ?? '',
        options: [['', 'the next stage'], ...later.map((stage) => [stage, stage])] },
      { name: 'force', label: 'Force (admins only: skip the promotion rules)', type: 'checkbox' },
    ],
    request: (v) => ['POST', `/api/v1/applications/${path(app)}/promotions`, {
      version: v.version.trim(), to: blank(v.to), force: v.force || undefined,
    }],
    done: (answer, v) => `promoting ${v.version.trim()} to ${blank(v.to) ?? 'the next stage'}`,
  });
}

export function rollback(app, env) {
  confirmAction({
    title: `Roll back ${app}/${env}`,
    text: 'Deploys an earlier version and marks the current one bad for this environment.',
    confirm: 'Roll back',
    fields: [{ name: 'version', label: 'Version', hint: 'empty: the previous version that ran successfully here' }],
    request: (v) => ['POST', `${envPath(app, env)}/rollback`, blank(v.version) ? { version: v.version.trim() } : {}],
    done: () => `rolling back ${app}/${env}`,
  });
}

function lifecycle(verb, method, suffix, text) {
  return (app, env) => confirmAction({
    title: `${verb} ${app}/${env}?`,
    text,
    confirm: verb,
    request: () => [method, envPath(app, env) + suffix],
    done: () => `${verb.toLowerCase()}: ${app}/${env} accepted`,
  });
}

export const archive = lifecycle('Archive', 'POST', '/archive', 'Stops its workload and keeps its data; restore brings it back.');
export const restore = lifecycle('Restore', 'POST', '/restore', 'Runs it again with its last spec.');
export const cleanup = lifecycle('Clean up', 'DELETE', '', 'Removes everything it owns. This cannot be undone.');

export function lock(app, env) {
  confirmAction({
    title: `Lock ${app}/${env}`,
    text: 'While locked, only you can change it.',
    confirm: 'Lock',
    fields: [{ name: 'reason', label: 'Reason', required: true }],
    request: (v) => ['PUT', `${envPath(app, env)}/lock`, { reason: v.reason.trim() }],
    done: () => `locking ${app}/${env}`,
  });
}

export function unlock(app, env, holder) {
  confirmAction({
    title: `Unlock ${app}/${env}?`,
    text: holder ? `${holder} holds the lock.` : '',
    confirm: 'Unlock',
    fields: [{ name: 'force', label: 'Break another user\'s lock (admins only)', type: 'checkbox' }],
    request: (v) => ['DELETE', `${envPath(app, env)}/lock${v.force ? '?force=true' : ''}`],
    done: () => `unlocking ${app}/${env}`,
  });
}

function decision(verb) {
  return (deployment, where) => confirmAction({
    title: `${verb} ${deployment.version ?? ''} into ${where}?`,
    text: deployment.actor ? `Requested by ${deployment.actor}.` : '',
    confirm: verb,
    fields: [{ name: 'comment', label: 'Comment' }],
    request: (v) => ['POST', `/api/v1/deployments/${path(deployment.deploymentId)}/${verb.toLowerCase()}`,
      blank(v.comment) ? { comment: v.comment.trim() } : {}],
    done: () => `${verb.toLowerCase()}: ${deployment.version ?? 'deployment'} into ${where}`,
  });
}

export const approve = decision('Approve');
export const reject = decision('Reject');

export function cancel(deployment, where) {
  confirmAction({
    title: `Cancel the deployment of ${deployment.toVersion ?? deployment.version ?? ''} into ${where}?`,
    text: 'A queued deployment leaves the queue; one awaiting approval is withdrawn.',
    confirm: 'Cancel deployment',
    request: () => ['POST', `/api/v1/deployments/${path(deployment.deploymentId)}/cancel`],
    done: () => `cancelling the deployment into ${where}`,
  });
}
