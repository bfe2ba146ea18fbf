// Small DOM helpers: every text goes in through textContent, so nothing from the API is parsed as HTML.

import { SessionEnded } from './api.js';

/** h('p', {class: 'x'}, 'text', child) → an element. Attributes starting with "on" are listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** A labelled input: the label names it for screen readers and clicking it focuses the field. */
export function field(label, attributes) {
  const id = attributes.id || `field-${attributes.name}`;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { ...attributes, id }));
}

/** A message region that screen readers announce when its text changes. */
export function notice(kind = 'error') {
  const element = h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', hidden: true });
  element.show = (text, newKind = kind) => {
    element.className = `notice notice-${newKind}`;
    element.setAttribute('role', newKind === 'error' ? 'alert' : 'status');
    element.textContent = text;
    element.hidden = !text;
  };
  return element;
}

/** Runs a form's submit handler with its button disabled and errors shown in its notice. */
export function submitting(form, errors, handler) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = form.querySelectorAll('button');
    buttons.forEach((button) => { button.disabled = true; });
    errors.show('');
    try {
      await handler(new FormData(form));
    } catch (error) {
      if (error instanceof SessionEnded) {
        throw error; // the app sends the person to sign in
      }
      errors.show(describe(error));
    } finally {
      buttons.forEach((button) => { button.disabled = false; });
    }
  });
  return form;
}

/** What to tell the person about a failed call. */
export function describe(error) {
  if (error && typeof error.fieldMessages === 'function') {
    const fields = error.fieldMessages();
    return fields.length ? `${error.message} ${fields.join('; ')}` : error.message;
  }
  return 'The server could not be reached. Check your connection and try again.';
}

const numbers = new Intl.NumberFormat('en');

export function count(value) {
  return numbers.format(value ?? 0);
}

export function money(minorUnits, currency) {
  return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(minorUnits / 100);
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** A job status as a labelled badge (the class picks its colour). */
export function statusBadge(status) {
  return h('span', { class: `badge badge-${status}` }, status);
}

export function progressBar(job, label) {
  const value = job.status === 'completed' ? 1 : job.progress;
  return h('progress', { max: 1, value, 'aria-label': label || `Progress of ${job.file_name}` },
    `${Math.round(value * 100)}%`);
}

/** A value shown once (a secret, a key), with a button copying it to the clipboard. */
export function copyable(value, className, buttonLabel) {
  const status = h('span', { class: 'copy-status', role: 'status' });
  const code = h('code', { class: className }, value);
  const copy = h('button', {
    type: 'button', class: 'secondary small',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(value);
        status.textContent = 'Copied.';
      } catch {
        // no clipboard here (an insecure origin, a refused permission): select it for the person to copy
        getSelection().selectAllChildren(code);
        status.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.';
      }
    },
  }, buttonLabel);
  return h('p', { class: 'secret-row' }, code, copy, status);
}
