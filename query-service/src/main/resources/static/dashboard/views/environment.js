// One environment: its spec (secret values never reach the browser: only their names, shown masked), what it is
// doing, its actions, its deployments as a timeline of steps with their output, and the diff against another one.

import * as actions from '../actions.js';
import { read } from '../api.js';
import { badge, facts, h, link, path, when } from '../dom.js';
import { button } from './matrix.js';

const opened = new Set(); // deployments whose steps are shown; kept across live refreshes
let compareWith = null;

export async function environment(app, env) {
  const base = `/api/v1/applications/${path(app)}`;
  const [view, application, deployments] = await Promise.all([
    read(`${base}/environments/${path(env)}`),
    read(base),
    read(`${base}/environments/${path(env)}/deployments?limit=20`),
  ]);
  const stages = application.pipeline.map((stage) => stage.environment);
  const names = [...stages, ...application.environments.map((other) => other.name)].filter((name) => name !== env);
  const details = await Promise.all(deployments.filter((d) => opened.has(d.id))
    .map((d) => read(`/api/v1/deployments/${path(d.id)}`)));
  return [
    h('p.crumbs', link(`#/apps/${path(app)}`, app), ' / ', env),
    h('div.title', h('h1', { tabindex: -1 }, `${app}/${env}`), badge(view.status)),
    view.statusReason ? h('p.reason', view.statusReason) : null,
    toolbar(app, env, view, stages),
    links(view.links ?? []),
    h('h2', 'Spec'),
    spec(view),
    queue(app, env, view),
    h('h2', { id: 'history-heading' }, 'Deployments'),
    history(deployments, new Map(details.map((d) => [d.id, d]))),
    h('h2', 'Compare with another environment'),
    names.length ? await diff(app, env, names) : h('p', 'There is no other environment to compare with.'),
  ];
}

function toolbar(app, env, view, stages) {
  const stage = stages.includes(env);
  return h('div.actions.toolbar', { role: 'group', 'aria-label': 'Actions' },
    button('update', 'Update', () => actions.update(app, env, view)),
    stage && view.version && stages.indexOf(env) < stages.length - 1
      ? button('promote', 'Promote', () => actions.promote(app, env, view.version, stages)) : null,
    button('rollback', 'Roll back', () => actions.rollback(app, env)),
    button('archive', 'Archive', () => actions.archive(app, env)),
    button('restore', 'Restore', () => actions.restore(app, env)),
    button('cleanup', 'Clean up', () => actions.cleanup(app, env)),
    view.lock
      ? button('unlock', 'Unlock', () => actions.unlock(app, env, view.lock.holder))
      : button('lock', 'Lock', () => actions.lock(app, env)));
}

// The links the driver gives users for what runs (its info). Only http(s) URLs become anchors: a driver's URL
// such as javascript:… or file:… is shown as text, never followed.
function links(list) {
  if (!list.length) return null;
  return [h('h2', { id: 'links-heading' }, 'Links'),
    h('ul.links', { 'aria-labelledby': 'links-heading' }, list.map((l) => h('li', webUrl(l.url)
      ? h('a', { href: l.url, target: '_blank', rel: 'noopener' }, l.name)
      : h('span', l.name),
    ' ', h('code', l.url))))];
}

function webUrl(url) {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function spec(view) {
  const overrides = Object.entries(view.overrides ?? {});
  return [
    facts([
      ['Version running', view.version ?? 'nothing'],
      ['Version asked for', view.desiredVersion],
      ['Commit', view.desiredCommit],
      ['Stage', view.stage ?? 'none (ad-hoc environment)'],
      ['Driver', view.driver],
      ['Tags', view.tags.join(', ')],
      ['Description', view.description],
      ['Time to live', view.ttl],
      ['Archived', view.expiresAt ? when(view.expiresAt) : null],
      ['Cleaned up', view.cleanupAt ? when(view.cleanupAt) : null],
      ['Locked', view.lock ? [`by ${view.lock.holder} `, when(view.lock.lockedAt), `: ${view.lock.reason ?? ''}`] : null],
      ['Drift', view.drift?.detail],
      ['Last successful deployment', view.deployed
        ? [`${view.deployed.version} by ${view.deployed.actor}, `, when(view.deployed.finishedAt)] : null],
    ]),
    h('div.scroll', h('table.list',
      h('caption', 'Configuration (secret values are never shown)'),
      h('thead', h('tr', h('th', { scope: 'col' }, 'Key'), h('th', { scope: 'col' }, 'Value'))),
      h('tbody',
        overrides.length + view.secretKeys.length === 0 ? h('tr', h('td', { colspan: 2 }, 'no overrides')) : null,
        overrides.map(([key, value]) => h('tr', h('th', { scope: 'row' }, key), h('td', h('code', value)))),
        view.secretKeys.map((key) => h('tr.secret', h('th', { scope: 'row' }, key),
          h('td', h('code', { 'aria-label': 'secret, hidden' }, '******'))))))),
  ];
}

function queue(app, env, view) {
  const where = `${app}/${env}`;
  const waiting = [
    ...(view.awaitingApproval ?? []).map((d) => h('li', `${d.version} awaits approval, asked by ${d.actor} `,
      when(d.requestedAt), ' ',
      button(`approve-${d.deploymentId}`, 'Approve', () => actions.approve(d, where)),
      button(`reject-${d.deploymentId}`, 'Reject', () => actions.reject(d, where)))),
    ...view.queued.map((d) => h('li', `${d.position}. ${d.operation} ${d.toVersion ?? ''} by ${d.actor} `,
      button(`cancel-${d.deploymentId}`, 'Cancel', () => actions.cancel(d, where)))),
  ];
  return waiting.length ? [h('h2', 'Waiting'), h('ul.waiting', waiting)] : null;
}

function history(deployments, details) {
  if (!deployments.length) return h('p', 'No deployment yet.');
  return h('ol.history', { 'aria-labelledby': 'history-heading' }, deployments.map((d) => {
    const open = opened.has(d.id);
    const full = details.get(d.id);
    return h('li.deployment', { dataset: { deployment: d.id } },
      h('div.line',
        badge(d.status, 'deployment'),
        h('span', ` ${d.operation} ${d.fromVersion ? `${d.fromVersion} → ` : ''}${d.version ?? ''} by ${d.actor}`,
          d.channel ? ` via ${d.channel}` : '', ', ', when(d.requestedAt),
          d.durationMs != null ? `, ${(d.durationMs / 1000).toFixed(1)} s` : ''),
        h('button', {
          type: 'button', 'aria-expanded': String(open), dataset: { key: `steps-${d.id}` },
          onclick: () => {
            if (opened.has(d.id)) opened.delete(d.id);
            else opened.add(d.id);
            window.dispatchEvent(new Event('stagecraft:refresh'));
          },
        }, open ? 'Hide steps' : 'Show steps')),
      d.error ? h('p.error', d.failedStep ? `${d.failedStep}: ${d.error}` : d.error) : null,
      open && full ? steps(full.steps) : null);
  }));
}

function steps(list) {
  if (!list?.length) return h('p', 'No step has started yet.');
  return h('ol.timeline', list.map((step) => h('li', { dataset: { step: step.status } },
    h('p', badge(step.status, 'step'), ' ', h('strong', step.name), step.message ? ` — ${step.message}` : '',
      step.startedAt ? [' · started ', when(step.startedAt)] : '',
      step.finishedAt ? [' · finished ', when(step.finishedAt)] : ''),
    step.output?.length
      ? h('details', h('summary', `log (${step.outputLines} lines${step.truncated ? ', oldest dropped' : ''})`),
        h('pre', { tabindex: 0 }, step.output.join('\n')))
      : null)));
}

async function diff(app, env, names) {
  if (!names.includes(compareWith)) compareWith = names[0];
  const select = h('select', { id: 'compare-with', dataset: { key: 'compare-with' } },
    names.map((name) => h('option', { value: name, selected: name === compareWith }, name)));
  select.addEventListener('change', () => {
    compareWith = select.value;
    window.dispatchEvent(new Event('stagecraft:refresh'));
  });
  let body;
  try {
    const answer = await read(`/api/v1/applications/${path(app)}/diff?from=${encodeURIComponent(compareWith)}&to=${encodeURIComponent(env)}`);
    body = difference(answer, env);
  } catch (error) {
    body = h('p.error', error.message);
  }
  return [h('p.field.inline', h('label', { for: 'compare-with' }, `What ${env} would get from`), select), body];
}

function difference(d, env) {
  if (d.inSync) return h('p', `${env} is level with ${d.from.environment}.`);
  const overrides = [
    ...Object.entries(d.overrides.added).map(([k, v]) => [k, 'added', `${v}`]),
    ...Object.entries(d.overrides.removed).map(([k, v]) => [k, 'removed', `${v}`]),
    ...Object.entries(d.overrides.changed).map(([k, v]) => [k, 'changed', `${v.to} → ${v.from}`]),
  ];
  const secrets = Object.entries(d.secrets).filter(([, state]) => state !== 'unchanged');
  return h('div.diff',
    facts([
      [`Version in ${d.from.environment}`, d.from.desiredVersion ?? d.from.version ?? 'none'],
      [`Version in ${d.to.environment}`, d.to.desiredVersion ?? d.to.version ?? 'none'],
      ['Secrets that differ', secrets.map(([k, state]) => `${k} (${state})`).join(', ')],
      ['Commits', d.commitsError ?? (d.commits.length ? null : 'none between them')],
      ['To level it', d.command?.promotion?.text ?? d.command?.text],
    ]),
    overrides.length ? h('div.scroll', h('table.list', h('caption', 'Overrides'),
      h('thead', h('tr', ['Key', 'Change', `Value (${d.to.environment} → ${d.from.environment})`]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', overrides.map(([k, change, value]) => h('tr', h('th', { scope: 'row' }, k), h('td', change),
        h('td', h('code', value))))))) : null,
    d.commits.length ? h('ul.commits', d.commits.map((c) => h('li', h('code', c.shortSha), ` ${c.subject} — ${c.author}`))) : null);
}
