// The JSON API as the dashboard uses it. The access token lives only in this module's memory; the refresh cookie
// (httpOnly, scoped to /api/v1/auth) buys a new one on every page load and whenever the token runs out.

const CSRF = { 'X-MailSift-CSRF': '1' };
const HAD_SESSION = 'mailsift.had-session';

let accessToken = null;

/** An answer that is not 2xx, with the problem document's fields when the API sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.type = problem?.type || '';
    this.problem = problem || {};
  }

  is(name) {
    return this.type.endsWith(':' + name);
  }

  /** Field-by-field messages of a validation problem, as "field: message". */
  fieldMessages() {
    return (this.problem.errors || []).map((error) => `${error.field}: ${error.message}`);
  }
}

/** Thrown when the session is over and the person has to sign in again. */
export class SessionEnded extends Error {}

/** Thrown when an operator has suspended the account: every call answers 403 from then on. */
export class AccountSuspended extends SessionEnded {}

export function signedIn() {
  return accessToken !== null;
}

/** The role the access token was minted with (USER, AUDITOR or ADMIN); it only decides which links to show. */
export function role() {
  return claims().role || null;
}

/** The signed-in account's id. */
export function userId() {
  return claims().sub || null;
}

function claims() {
  try {
    return JSON.parse(atob(accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

/**
 * Asks for a new access token with the refresh cookie. Refreshes are serialised across this browser's tabs:
 * presenting a cookie another tab has just rotated would end the whole session (reuse detection).
 */
export async function refresh() {
  const attempt = async () => {
    const response = await fetch('/api/v1/auth/refresh', { method: 'POST', headers: CSRF, credentials: 'same-origin' });
    if (!response.ok) {
      accessToken = null;
      return false;
    }
    accessToken = (await response.json()).access_token;
    sessionStorage.setItem(HAD_SESSION, '1');
    return true;
  };
  return navigator.locks ? navigator.locks.request('mailsift-refresh', attempt) : attempt();
}

/** Whether this tab had a session before (so a failed refresh means "it ended", not "never signed in"). */
export function hadSession() {
  return sessionStorage.getItem(HAD_SESSION) === '1';
}

export async function signIn(email, password, totp) {
  const body = { email, password };
  if (totp) {
    body.totp = totp;
  }
  const answer = await send('POST', '/api/v1/auth/token', body, { anonymous: true });
  accessToken = answer.access_token;
  sessionStorage.setItem(HAD_SESSION, '1');
}

export async function signOut() {
  try {
    await fetch('/api/v1/auth/logout', { method: 'POST', headers: CSRF, credentials: 'same-origin' });
  } finally {
    accessToken = null;
    sessionStorage.removeItem(HAD_SESSION);
  }
}

/** Forgets a session the server has ended. */
export function forget() {
  accessToken = null;
  sessionStorage.removeItem(HAD_SESSION);
}

export const get = (path) => send('GET', path);
export const post = (path, body, options) => send('POST', path, body, options);

/**
 * One API call. JSON bodies are sent as JSON, FormData as multipart; options.cache is fetch's cache mode. A 401
 * on a signed-in call refreshes the token once and retries; if that fails the session is over ({@link SessionEnded}).
 */
export async function send(method, path, body, options = {}) {
  const response = await authorised(path, (headers) => {
    const init = { method, headers: { ...headers, ...options.headers }, credentials: 'same-origin', cache: options.cache };
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return init;
  }, options);
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response;
}

/** Downloads a protected file (the results) and hands it to the browser under the server's file name. */
export async function download(path, fallbackName, accept = null) {
  const response = await authorised(path, (headers) => ({
    method: 'GET', headers: accept ? { ...headers, Accept: accept } : headers, credentials: 'same-origin',
  }), {});
  const disposition = response.headers.get('Content-Disposition') || '';
  // the RFC 5987 form carries the real name; the plain one may be RFC 2047-encoded for old clients
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = extended ? decodeURIComponent(extended[1])
    : plain && !plain[1].startsWith('=?') ? plain[1] : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/**
 * Server-Sent Events over fetch (EventSource cannot send the Authorization header). Calls onEvent(name, data)
 * per event; resolves when the server ends the stream; rejects when it cannot be opened or breaks.
 */
export async function stream(path, onEvent, signal) {
  const response = await authorised(path, (headers) => ({
    method: 'GET', headers: { ...headers, Accept: 'text/event-stream' }, credentials: 'same-origin', signal,
  }), {});
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) {
          name = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        }
      }
      if (data.length) {
        onEvent(name, JSON.parse(data.join('\n')));
      }
    }
  }
}

async function authorised(path, init, { anonymous = false }) {
  const attempt = () => {
    const headers = {};
    if (accessToken && !anonymous) {
      headers.Authorization = `Bearer ${accessToken}`;
    }
    return fetch(path, init(headers));
  };
  let response = await attempt();
  if (response.status === 401 && !anonymous) {
    if (!(await refresh())) {
      throw new SessionEnded();
    }
    response = await attempt();
    if (response.status === 401) {
      forget();
      throw new SessionEnded();
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, await problemOf(response));
    if (response.status === 403 && error.is('account-suspended') && !anonymous) {
      forget();
      throw new AccountSuspended(error.message);
    }
    throw error;
  }
  return response;
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}
