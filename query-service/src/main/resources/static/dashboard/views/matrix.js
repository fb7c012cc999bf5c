// The pipeline matrix of one application (as Octopus Deploy's dashboard): one column per stage with what runs
// there, its status, who put it there and when, what waits in its queue or for an approval; then the
// application's other environments.

import * as actions from '../actions.js';
import { read } from '../api.js';
import { badge, h, link, path, when } from '../dom.js';

export async function matrix(app) {
  const application = await read(`/api/v1/applications/${path(app)}`);
  const stages = application.pipeline.map((stage) => stage.environment);
  return [
    h('div.title',
      h('h1', { tabindex: -1 }, application.name),
      h('button.primary', { type: 'button', dataset: { key: 'create' }, onclick: () => actions.create(app) },
        'Create environment')),
    h('p.sub', `driver ${application.driver}`, application.repository ? ` · ${application.repository}` : ''),
    h('h2', { id: 'pipeline-heading' }, 'Pipeline'),
    stages.length
      ? h('ol.pipeline', { 'aria-labelledby': 'pipeline-heading' },
        application.pipeline.map((stage) => column(app, stage, stages)))
      : h('p', 'This application has no pipeline: its environments are listed below.'),
    h('h2', 'Other environments'),
    others(app, application.environments),
  ];
}

function column(app, stage, stages) {
  const env = stage.environment;
  const where = `${app}/${env}`;
  const flags = [stage.requiresApproval && 'needs approval', stage.autoPromote && 'auto-promote',
    stage.branch && `branch ${stage.branch}`].filter(Boolean);
  return h('li.stage', { dataset: { stage: env } },
    h('h3', link(`#/apps/${path(app, env)}`, env, { 'aria-label': `${env}: open the environment` })),
    flags.length ? h('p.flags', flags.join(' · ')) : null,
    h('p.status', badge(stage.status)),
    h('p.version', stage.version ? h('strong', { dataset: { version: stage.version } }, stage.version) : 'nothing runs',
      stage.desiredVersion && stage.desiredVersion !== stage.version ? ` → ${stage.desiredVersion}` : ''),
    stage.deployedBy ? h('p.by', 'by ', stage.deployedBy, ', ', when(stage.deployedAt)) : null,
    stage.statusReason ? h('p.reason', stage.statusReason) : null,
    stage.lock ? h('p.lock', `🔒 locked by ${stage.lock.holder}: ${stage.lock.reason ?? ''}`) : null,
    waiting('Queued', stage.queued, (d) => `${d.position}. ${d.operation} ${d.toVersion ?? ''} by ${d.actor}`,
      (d) => [button(`cancel-${d.deploymentId}`, 'Cancel', () => actions.cancel(d, where))]),
    waiting('Awaiting approval', stage.awaitingApproval, (d) => `${d.version} asked by ${d.actor}`, (d) => [
      button(`approve-${d.deploymentId}`, 'Approve', () => actions.approve(d, where)),
      button(`reject-${d.deploymentId}`, 'Reject', () => actions.reject(d, where)),
    ]),
    h('div.actions',
      stage.version && stages.indexOf(env) < stages.length - 1
        ? button(`promote-${env}`, 'Promote', () => actions.promote(app, env, stage.version, stages), `Promote ${stage.version} from ${env}`)
        : null,
      stage.status ? button(`update-${env}`, 'Update', () => actions.update(app, env, stage), `Update ${env}`) : null,
      stage.status ? button(`rollback-${env}`, 'Roll back', () => actions.rollback(app, env), `Roll back ${env}`) : null,
      stage.lock
        ? button(`unlock-${env}`, 'Unlock', () => actions.unlock(app, env, stage.lock.holder), `Unlock ${env}`)
        : button(`lock-${env}`, 'Lock', () => actions.lock(app, env), `Lock ${env}`)));
}

function waiting(title, items, describe, controls) {
  if (!items?.length) return null;
  return h('div.waiting', h('h4', `${title} (${items.length})`),
    h('ul', items.map((item) => h('li', h('span', describe(item)), ...controls(item)))));
}

export function button(key, text, onclick, label) {
  return h('button', { type: 'button', dataset: { key }, onclick, 'aria-label': label }, text);
}

function others(app, environments) {
  if (!environments.length) return h('p', 'None yet: create one (a review staging, say) with “Create environment”.');
  return h('div.scroll', h('table.list',
    h('thead', h('tr', ['Name', 'Status', 'Version', 'Tags', 'Expires', 'Updated'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', environments.map((env) => h('tr', { dataset: { environment: env.name } },
      h('th', { scope: 'row' }, link(`#/apps/${path(app, env.name)}`, env.name)),
      h('td', badge(env.status)),
      h('td', env.version ?? '—'),
      h('td', env.tags.join(', ')),
      h('td', env.expiresAt ? when(env.expiresAt) : '—'),
      h('td', when(env.updatedAt)))))));
}
