// The account's avatar, read once per signed-in account and shared by the nav and the settings page.
// The image is served only with the access token, so it is fetched here and shown as a data: URL (the
// Content-Security-Policy allows data: images; blob: URLs it does not).

import * as api from './api.js';

/** Largest file the API takes (AvatarController); checked here first so a person is not made to wait for a 413. */
export const MAX_BYTES = 2 * 1024 * 1024;
export const TYPES = ['image/png', 'image/jpeg', 'image/gif'];

let owner = null; // the account whose avatar `picture` is
let picture = null; // a data: URL, or null without an avatar
let loading = null;
const listeners = new Set();

/** The signed-in account's avatar as a data: URL, or null (none, or not read yet). */
export function current() {
  return owner !== null && owner === api.userId() ? picture : null;
}

/**
 * Called whenever the avatar shown should change (read for the first time, uploaded, removed); a page passes its
 * signal, so its listener goes when the page does.
 */
export function onChange(listener, signal = null) {
  listeners.add(listener);
  signal?.addEventListener('abort', () => listeners.delete(listener));
}

/** Reads the signed-in account's avatar unless it is known already; never throws (the pages report failures). */
export async function ensure() {
  const account = api.userId();
  if (!account || owner === account) {
    return current();
  }
  if (!loading) {
    loading = read(account).finally(() => { loading = null; });
  }
  return loading;
}

/** Reads it again, after an upload. */
export async function reload() {
  owner = null;
  return ensure();
}

/** No avatar from now on, after a removal. */
export function removed() {
  owner = api.userId();
  set(null);
}

async function read(account) {
  try {
    const { has_avatar: hasAvatar } = await api.get('/api/v1/account');
    let url = null;
    if (hasAvatar) {
      // served cacheable for a few minutes: asked again, so a picture just replaced is not shown stale
      const response = await api.send('GET', '/api/v1/account/avatar', undefined, { cache: 'no-cache' });
      url = await dataUrl(await response.blob());
    }
    if (api.userId() === account) { // still the same person signed in
      owner = account;
      set(url);
    }
  } catch {
    // the page's own calls say what went wrong; without a picture the nav reads as it did
  }
  return current();
}

function set(url) {
  picture = url;
  listeners.forEach((listener) => listener(url));
}

function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
