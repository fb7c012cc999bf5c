// The dashboard: a hash router over four views, sign-in first, live refresh from notifier-service's events.

import { whenDone } from './actions.js';
import { ApiError, loadConfig, session, signIn, signOut } from './api.js';
import { h } from './dom.js';
import { follow, stop } from './live.js';
import { applications } from './views/applications.js';
import { environment } from './views/environment.js';
import { matrix } from './views/matrix.js';
import { stagings } from './views/stagings.js';

const main = document.getElementById('main');
let rendering = Promise.resolve();
let again = false;
let refreshTimer;

/** #/ · #/apps/{app} · #/apps/{app}/{env} · #/stagings → [view, app the view is about (live filter)]. */
function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'apps' && parts.length === 2) return [() => matrix(parts[1]), parts[1]];
  if (parts[0] === 'apps' && parts.length === 3) return [() => environment(parts[1], parts[2]), parts[1]];
  if (parts[0] === 'stagings') return [stagings, null];
  return [applications, null];
}

/** Renders the current view; `moved` = a navigation (focus goes to the heading), else a refresh in place. */
async function render(moved) {
  if (!session()) {
    stop();
    showSignIn();
    return;
  }
  showUser();
  const [view, app] = route();
  follow(app, () => scheduleRefresh());
  const focusKey = document.activeElement?.dataset?.key;
  try {
    const content = await view();
    main.replaceChildren(...[content].flat(Infinity).filter(Boolean));
  } catch (error) {
    if (!session()) return showSignIn();
    main.replaceChildren(h('h1', { tabindex: -1 }, 'Something went wrong'), h('p.error', { role: 'alert' }, error.message));
  }
  if (moved) {
    main.querySelector('h1')?.focus();
  } else if (focusKey) {
    const again = main.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
    if (again) {
      again.focus();
      if (again.tagName === 'INPUT') again.setSelectionRange(again.value.length, again.value.length);
    }
  }
}

/** One render at a time; a refresh asked for while one runs is done once after it. */
function refresh(moved = false) {
  if (moved) {
    rendering = rendering.then(() => render(true));
    return;
  }
  if (again) return;
  again = true;
  rendering = rendering.then(() => {
    again = false;
    return render(false);
  });
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    if (!document.getElementById('action').open) refresh();
    else scheduleRefresh();
  }, 250);
}

function notice(text) {
  document.getElementById('notice').textContent = text;
}

function showUser() {
  const current = session();
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = `${current.name}${current.roles?.length ? ` (${current.roles.join(', ')})` : ''}`;
}

function showSignIn(reason) {
  document.getElementById('who').hidden = true;
  const user = h('input', { id: 'user', name: 'user', autocomplete: 'username' });
  const secret = h('input', { id: 'secret', name: 'secret', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p.error', { role: 'alert' }, reason ?? '');
  const form = h('form.signin', { 'aria-labelledby': 'signin-heading' },
    h('h1', { id: 'signin-heading', tabindex: -1 }, 'Sign in'),
    h('p', 'With an API token (leave the user name empty), or your user name with your password or a token.'),
    h('p.field', h('label', { for: 'user' }, 'User name'), user),
    h('p.field', h('label', { for: 'secret' }, 'Password or API token'), secret),
    error,
    h('div.buttons', h('button.primary', { type: 'submit' }, 'Sign in')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await signIn(user.value.trim(), secret.value.trim());
      notice('');
      refresh(true);
    } catch (failure) {
      error.textContent = failure instanceof ApiError ? failure.message : String(failure);
      secret.focus();
    }
  });
  main.replaceChildren(form);
  (user.value ? secret : user).focus();
}

whenDone((sentence) => {
  notice(sentence);
  refresh();
});
window.addEventListener('hashchange', () => refresh(true));
window.addEventListener('stagecraft:refresh', () => refresh());
window.addEventListener('stagecraft:signed-out', (event) => {
  stop();
  showSignIn(event.detail);
});
document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  stop();
  notice('Signed out.');
  showSignIn();
});

loadConfig().then(() => refresh(true), (error) => {
  main.replaceChildren(h('h1', 'The dashboard cannot start'), h('p.error', { role: 'alert' }, error.message));
});
