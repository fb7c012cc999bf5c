// The applications Stagecraft knows, each with its stages.

import { read } from '../api.js';
import { h, link, path, when } from '../dom.js';

export async function applications() {
  const all = await read('/api/v1/applications');
  return [
    h('h1', { tabindex: -1 }, 'Applications'),
    all.length
      ? h('ul.cards', all.map((app) => h('li.card',
        h('h2', link(`#/apps/${path(app.name)}`, app.name)),
        h('p', app.stages.length ? app.stages.join(' → ') : 'no pipeline'),
        h('p.sub', `${app.environmentCount} environments · driver ${app.driver} · registered `, when(app.registeredAt)))))
      : h('p', 'No application is registered yet: register one with POST /api/v1/applications (see the README).'),
  ];
}
