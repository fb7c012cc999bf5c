// Review stagings: the ad-hoc environments (no pipeline stage) of every application, searchable by name, tag and
// description (query-service's q), with their time to live and when they will be archived and cleaned up.

import { read } from '../api.js';
import { badge, h, link, path, when } from '../dom.js';

let search = '';

export async function stagings() {
  const found = await read(`/api/v1/environments?limit=200${search ? `&q=${encodeURIComponent(search)}` : ''}`);
  const stagings = found.filter((env) => env.stage === null);
  const input = h('input', { id: 'search', type: 'search', value: search, dataset: { key: 'search' },
    placeholder: 'name, tag or description', autocomplete: 'off' });
  let pause;
  input.addEventListener('input', () => {
    clearTimeout(pause);
    pause = setTimeout(() => {
      search = input.value.trim();
      window.dispatchEvent(new Event('stagecraft:refresh'));
    }, 300);
  });
  return [
    h('h1', { tabindex: -1 }, 'Review stagings'),
    h('form.search', { role: 'search', onsubmit: (event) => event.preventDefault() },
      h('label', { for: 'search' }, 'Search'), input),
    h('p.sub', { role: 'status' }, `${stagings.length} review staging${stagings.length === 1 ? '' : 's'}`,
      search ? ` matching “${search}”` : ''),
    stagings.length ? h('div.scroll', h('table.list',
      h('thead', h('tr', ['Environment', 'Status', 'Version', 'Tags', 'Description', 'TTL', 'Archived', 'Cleaned up']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', stagings.map((env) => h('tr', { dataset: { environment: `${env.app}/${env.name}` } },
        h('th', { scope: 'row' }, link(`#/apps/${path(env.app, env.name)}`, `${env.app}/${env.name}`)),
        h('td', badge(env.status)),
        h('td', env.version ?? '—'),
        h('td', env.tags.join(', ')),
        h('td', env.description ?? ''),
        h('td', env.ttl ?? 'none'),
        h('td', env.expiresAt ? when(env.expiresAt) : '—'),
        h('td', env.cleanupAt ? when(env.cleanupAt) : '—')))))) : null,
  ];
}
