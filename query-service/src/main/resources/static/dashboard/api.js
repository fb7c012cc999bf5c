// How the dashboard talks to Stagecraft: reads from query-service (this origin), actions to command-service
// (its URL from /dashboard/config.json; CORS there), sign-in checked by command-service's /api/v1/users/me.

const SESSION_KEY = 'stagecraft.session';
const TIMEOUT_MS = 20000;
let config;

/** Thrown for an answer that is not 2xx; `message` is the API's sentence (problem `detail`). */
export class ApiError extends Error {
  constructor(status, sentence) {
    super(sentence);
    this.status = status;
  }
}

export async function loadConfig() {
  const response = await fetch('dashboard/config.json', { cache: 'no-store' });
  if (!response.ok) throw new ApiError(response.status, `query-service did not give the dashboard its configuration (HTTP ${response.status}); check that query-service runs`);
  config = await response.json();
  return config;
}

export function eventsUrl(app) {
  return config.eventsUrl + (app ? `?app=${encodeURIComponent(app)}` : '');
}

/** {authorization, name} of the signed-in user, or null. Kept in sessionStorage: gone when the tab closes. */
export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

export function signOut() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Signs in with a user name and password or token (Basic), or a token alone (Bearer); asks command-service. */
export async function signIn(user, secret) {
  if (!secret) throw new ApiError(400, 'enter your password or API token');
  const authorization = user
    ? 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${secret}`)))
    : `Bearer ${secret}`;
  const me = await call(`${config.commandUrl}/api/v1/users/me`, { headers: { Authorization: authorization } });
  const roles = (me.roles ?? []).map((grant) => (grant.app ? `${grant.role} in ${grant.app}` : grant.role));
  const signedIn = { authorization, name: me.name, roles };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(signedIn));
  return signedIn;
}

/** GET from query-service, e.g. read('/api/v1/applications'). */
export function read(path) {
  return call(path.replace(/^\//, ''), { headers: authorized() });
}

/** An action on command-service: method, path, optional JSON body; one Idempotency-Key per confirmed dialog. */
export function act(method, path, body, idempotencyKey) {
  const headers = { ...authorized(), 'Idempotency-Key': idempotencyKey };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return call(config.commandUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function authorized() {
  const current = session();
  if (!current) throw new ApiError(401, 'sign in first');
  return { Authorization: current.authorization };
}

async function call(url, init) {
  let response;
  try {
    response = await fetch(url, { ...init, cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const host = new URL(url, location.href).host;
    throw new ApiError(0, error?.name === 'TimeoutError'
      ? `${host} did not answer within ${TIMEOUT_MS / 1000} s; try again`
      : `${host} cannot be reached; check that the service runs and allows this page's origin`);
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.status === 401 && session()) {
    signOut();
    window.dispatchEvent(new CustomEvent('stagecraft:signed-out', { detail: sentence(response, body) }));
  }
  if (!response.ok) throw new ApiError(response.status, sentence(response, body));
  return body;
}

/** The API's own sentence: problem+json `detail` (with each field's problem if listed), else the title. */
function sentence(response, body) {
  if (body && typeof body === 'object') {
    const detail = body.detail ?? body.title;
    if (detail) return String(detail);
  }
  return `HTTP ${response.status} ${response.statusText}`.trim();
}
