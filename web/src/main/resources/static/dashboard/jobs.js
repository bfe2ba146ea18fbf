// Home, uploading a list, the jobs and one job verifying live.

import * as api from './api.js';
import { h, notice, submitting, count, when, statusBadge, progressBar, describe } from './ui.js';
import { historySection } from './history.js';

/** Below this many available credits the home page says it is time to buy more (the low-credit mail's threshold). */
const LOW_CREDITS = Number(document.querySelector('meta[name="mailsift-low-credit-threshold"]')?.content || 50);
const FINISHED = new Set(['completed', 'failed', 'cancelled', 'rejected']);
const VERDICTS = ['deliverable', 'undeliverable', 'risky', 'unknown'];

export async function homePage({ message }) {
  const [account, jobs, usage] = await Promise.all([api.get('/api/v1/account'), api.get('/api/v1/jobs?size=5'),
    api.get(`/api/v1/account/usage?days=${USAGE_DAYS}`)]);
  const info = notice('info');
  if (message) {
    info.show(message.text, message.kind);
  }
  const banners = [];
  if (!account.email_confirmed) {
    banners.push(h('p', { class: 'banner banner-warning', role: 'status' },
      'Confirm your email address to verify lists. ', h('a', { href: '/confirm-email' }, 'Enter your code')));
  }
  if (LOW_CREDITS > 0 && account.credits_available < LOW_CREDITS) {
    banners.push(h('p', { class: 'banner banner-warning low-credits', role: 'status' },
      `You are running low on credits: ${count(account.credits_available)} left. `,
      h('a', { href: '/billing' }, 'Buy credits')));
  }
  return {
    title: 'Home',
    content: [
      h('h1', {}, account.first_name ? `Welcome, ${account.first_name}` : 'Your dashboard'),
      info,
      ...banners,
      h('section', { class: 'tiles', 'aria-label': 'Credits' },
        h('div', { class: 'tile' },
          h('p', { class: 'tile-label', id: 'credits-available-label' }, 'Credits available'),
          h('p', { class: 'tile-value credits-available', 'aria-labelledby': 'credits-available-label' },
            count(account.credits_available))),
        h('div', { class: 'tile' },
          h('p', { class: 'tile-label', id: 'credits-reserved-label' }, 'Reserved by running jobs'),
          h('p', { class: 'tile-value credits-reserved', 'aria-labelledby': 'credits-reserved-label' },
            count(account.credits_reserved))),
        h('div', { class: 'tile tile-actions' },
          h('a', { href: '/upload', class: 'button primary' }, 'Upload a list'),
          h('a', { href: '/billing', class: 'button secondary' }, 'Buy credits'))),
      h('section', {},
        h('h2', {}, 'Latest jobs'),
        jobs.items.length
          ? jobTable(jobs.items)
          : h('p', { class: 'empty' }, 'No lists yet. ', h('a', { href: '/upload' }, 'Upload your first list.')),
        jobs.total > jobs.items.length ? h('p', {}, h('a', { href: '/jobs' }, `All ${count(jobs.total)} jobs`)) : null),
      usageChart(usage.days),
    ],
  };
}

const USAGE_DAYS = 30;
const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element; like h(), every text goes in as text. */
function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  element.append(...children);
  return element;
}

/** A day's date (UTC, as the API counts days) for people. */
function day(date, options = { month: 'short', day: 'numeric' }) {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en', { ...options, timeZone: 'UTC' });
}

/**
 * Credits used per day as a bar chart drawn here (no library; colours and sizes come from app.css, since the
 * Content-Security-Policy refuses inline styles). Screen readers get a summary as the chart's name and the numbers
 * in a table.
 */
function usageChart(days) {
  const total = days.reduce((sum, entry) => sum + entry.credits_used, 0);
  const busiest = days.reduce((most, entry) => (entry.credits_used > most.credits_used ? entry : most), days[0]);
  const summary = total === 0
    ? `No credits used in the last ${days.length} days.`
    : `${count(total)} credits used in the last ${days.length} days; the most on ${day(busiest.date)}: `
      + `${count(busiest.credits_used)}.`;
  const width = 600;
  const height = 160;
  const top = 4;
  const slot = width / days.length;
  const scale = (height - top) / Math.max(1, busiest.credits_used);
  const chart = svg('svg', {
    class: 'usage-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'usage-summary',
    preserveAspectRatio: 'none',
  });
  days.forEach((entry, index) => {
    const barHeight = entry.credits_used * scale;
    const bar = svg('rect', {
      class: entry.credits_used ? 'usage-bar' : 'usage-bar usage-bar-zero',
      x: (index * slot + slot * 0.15).toFixed(1), width: (slot * 0.7).toFixed(1),
      y: (height - Math.max(barHeight, 1)).toFixed(1), height: Math.max(barHeight, 1).toFixed(1),
    }, svg('title', {}, `${day(entry.date)}: ${count(entry.credits_used)} credits`));
    chart.append(bar);
  });
  chart.append(svg('line', { class: 'usage-axis', x1: 0, x2: width, y1: height, y2: height }));
  const heading = h('h2', { id: 'usage-heading' }, `Credits used per day (last ${days.length} days)`);
  if (total === 0) { // a row of empty bars says no more than the sentence
    return h('section', { class: 'usage', 'aria-labelledby': 'usage-heading' }, heading,
      h('div', { class: 'card usage-card' }, h('p', { class: 'usage-summary', id: 'usage-summary' }, summary)));
  }
  return h('section', { class: 'usage', 'aria-labelledby': 'usage-heading' },
    heading,
    h('div', { class: 'card usage-card' },
      h('p', { class: 'usage-summary', id: 'usage-summary' }, summary),
      h('p', { class: 'usage-scale', 'aria-hidden': 'true' }, `Highest bar: ${count(busiest.credits_used)}`),
      chart,
      // the bars stretch to the card's width; the dates are text beneath them, so they never stretch with them
      h('p', { class: 'usage-dates', 'aria-hidden': 'true' },
        h('span', {}, day(days[0].date)), h('span', {}, day(days[days.length - 1].date))),
      h('details', { class: 'usage-table' },
        h('summary', {}, 'Show the numbers'),
        h('div', { class: 'table-scroll' }, h('table', { class: 'usage-days' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'),
            h('th', { scope: 'col', class: 'number' }, 'Credits used'))),
          h('tbody', {}, [...days].reverse().map((entry) => h('tr', {},
            h('td', {}, day(entry.date, { weekday: 'short', month: 'short', day: 'numeric' })),
            h('td', { class: 'number' }, count(entry.credits_used))))))))));
}

export async function uploadPage({ go }) {
  const account = await api.get('/api/v1/account');
  const errors = notice('error');
  const input = h('input', {
    type: 'file', name: 'file', id: 'upload-file', required: true, class: 'visually-hidden',
    accept: '.csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,text/plain,'
      + 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const chosen = h('span', { class: 'drop-chosen', 'aria-live': 'polite' }, 'No file chosen');
  const preview = h('section', { class: 'preview', 'aria-live': 'polite', hidden: true });
  const zone = h('label', { for: 'upload-file', class: 'drop-zone' },
    h('span', { class: 'drop-title' }, 'Choose a file or drop it here'),
    h('span', { class: 'drop-hint' }, 'CSV, TSV, TXT or XLSX, up to 100 MB. One address per row.'),
    chosen);
  input.addEventListener('change', () => {
    chosen.textContent = input.files.length ? input.files[0].name : 'No file chosen';
    showPreview(preview, input, form);
  });
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add('dragging');
    });
  }
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    if (event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      input.dispatchEvent(new Event('change'));
    }
  });

  const form = h('form', { class: 'card form' },
    input, zone,
    h('details', { class: 'options' },
      h('summary', {}, 'Options'),
      h('div', { class: 'field' },
        h('label', { for: 'upload-header' }, 'First row'),
        h('select', { name: 'header_row', id: 'upload-header' },
          h('option', { value: '' }, 'Detect whether it is a header'),
          h('option', { value: 'true' }, 'Is a header'),
          h('option', { value: 'false' }, 'Is an address row'))),
      h('div', { class: 'field' },
        h('label', { for: 'upload-column' }, 'Email column (header name or number; empty: detect)'),
        h('input', { name: 'email_column', id: 'upload-column', maxlength: 200 }))),
    preview,
    errors,
    h('button', { type: 'submit', class: 'primary' }, 'Verify this list'));

  submitting(form, errors, async (data) => {
    if (!input.files.length) {
      errors.show('Choose a file to upload first.');
      return;
    }
    const body = new FormData();
    body.append('file', input.files[0]);
    for (const name of ['header_row', 'email_column']) {
      if (data.get(name)) {
        body.append(name, data.get(name));
      }
    }
    const job = await api.post('/api/v1/jobs', body);
    go(`/jobs/${job.id}`);
  });
  for (const name of ['header_row', 'email_column']) {
    form.elements[name].addEventListener('change', () => showPreview(preview, input, form));
  }

  return {
    title: 'Upload a list',
    content: [h('h1', {}, 'Upload a list'),
      account.email_confirmed ? null : h('p', { class: 'banner banner-warning', role: 'status' },
        'Confirm your email address first: until then lists are refused. ',
        h('a', { href: '/confirm-email' }, 'Enter your code')),
      h('p', {}, 'Each unique, plausible address costs one credit, reserved when the list is accepted; '
        + 'addresses that end up unknown are given back.'),
      form],
  };
}

/**
 * What the chosen list would cost before anything is charged (POST /api/v1/jobs/preview: nothing is stored): the
 * rows, duplicates and credits, the detected header and email column, and the first rows as read.
 */
async function showPreview(preview, input, form) {
  preview.replaceChildren();
  if (!input.files.length) {
    preview.hidden = true;
    return;
  }
  const body = new FormData();
  body.append('file', input.files[0]);
  for (const name of ['header_row', 'email_column']) {
    if (form.elements[name].value) {
      body.append(name, form.elements[name].value);
    }
  }
  preview.hidden = false;
  preview.append(h('p', {}, 'Reading the list…'));
  let read;
  try {
    read = await api.post('/api/v1/jobs/preview', body);
  } catch (error) {
    preview.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, describe(error)));
    return;
  }
  const columns = read.header ?? (read.sample[0] ?? []).map((_, index) => `Column ${index + 1}`);
  preview.replaceChildren(
    h('h2', {}, 'Before you verify'),
    h('p', { class: 'preview-cost' },
      `This list will cost ${count(read.credits)} credits: ${count(read.unique)} unique addresses in `
      + `${count(read.rows)} rows. Duplicates (${count(read.duplicates)}), empty rows (${count(read.blank)}) `
      + 'and addresses that cannot exist are free.'),
    h('p', {}, `Addresses read from the column “${columns[read.email_column] ?? read.email_column + 1}”`
      + (read.header ? ' (the header row is not verified).' : ' (the first row is an address, not a header).')
      + ' Wrong column? Choose another under Options.'),
    h('div', { class: 'table-scroll' },
      h('table', { class: 'preview-rows' },
        h('thead', {}, h('tr', {}, ...columns.map((name, index) =>
          h('th', { scope: 'col', class: index === read.email_column ? 'email-column' : null }, name)))),
        h('tbody', {}, ...read.sample.slice(0, 5).map((row) =>
          h('tr', {}, ...row.map((cell, index) =>
            h('td', { class: index === read.email_column ? 'email-column' : null }, cell))))))));
}

/** How often the jobs list is re-read while one of its jobs is still running. */
const LIST_REFRESH_MS = 3000;

export async function jobsPage({ url, signal }) {
  const page = Math.max(0, Number.parseInt(url.searchParams.get('page') || '0', 10) || 0);
  const path = `/api/v1/jobs?page=${page}&size=20`;
  const jobs = await api.get(path);
  const pages = Math.max(1, Math.ceil(jobs.total / jobs.size));
  const table = h('div', { class: 'job-table' },
    jobs.items.length ? jobTable(jobs.items) : h('p', { class: 'empty' }, 'No jobs on this page.'));
  const running = (items) => items.some((job) => !FINISHED.has(job.status));
  // running jobs move on: re-read the page until they have all finished (or the person has left it)
  const refresh = async (items) => {
    if (!running(items) || signal.aborted) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, LIST_REFRESH_MS));
    if (signal.aborted) {
      return;
    }
    const fresh = await api.get(path);
    table.replaceChildren(jobTable(fresh.items));
    await refresh(fresh.items);
  };
  return {
    title: 'Jobs',
    started: () => refresh(jobs.items).catch((error) => {
      if (error instanceof api.SessionEnded) {
        throw error; // the app sends the person to sign in
      } // otherwise the list stays as last read
    }),
    content: [
      h('div', { class: 'heading-row' }, h('h1', {}, 'Jobs'), h('a', { href: '/upload', class: 'button primary' }, 'Upload a list')),
      table,
      pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Pages' },
        page > 0 ? h('a', { href: `/jobs?page=${page - 1}` }, 'Newer') : null,
        h('span', {}, `Page ${page + 1} of ${pages}`),
        page + 1 < pages ? h('a', { href: `/jobs?page=${page + 1}` }, 'Older') : null) : null,
    ],
  };
}

function jobTable(jobs) {
  // on a narrow screen the table scrolls sideways inside its box instead of widening the page
  return h('div', { class: 'table-scroll' }, h('table', { class: 'jobs' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'List'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Progress'),
      h('th', { scope: 'col', class: 'number' }, 'Addresses'), h('th', { scope: 'col' }, 'Uploaded'))),
    h('tbody', {}, jobs.map((job) => h('tr', {},
      h('td', {}, h('a', { href: `/jobs/${job.id}` }, job.file_name)),
      h('td', {}, statusBadge(job.status)),
      h('td', {}, progressBar(job), h('span', { class: 'percent' }, `${Math.round((job.status === 'completed' ? 1 : job.progress) * 100)}%`)),
      h('td', { class: 'number' }, count(job.rows_to_check)),
      h('td', {}, when(job.created_at)))))));
}

export async function jobPage({ params: [id], signal }) {
  const job = await readJob(id);
  const view = h('div', { class: 'job' });
  const live = notice('info');
  // the statuses chosen for downloads, kept while the page redraws
  const chosen = new Set(VERDICTS);
  const update = (current) => {
    // a keyboard user on one of the buttons keeps their place while the page redraws around it
    const focused = view.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
    view.replaceChildren(...jobDetails(current, live, chosen));
    if (focused) {
      view.querySelector(`[data-focus-key="${focused}"]`)?.focus();
    }
  };
  update(job);

  const follow = async () => {
    let latest = job;
    // the stream ends when the job finishes; if it breaks before, it is opened again
    for (let attempt = 0; !FINISHED.has(latest.status) && !signal.aborted && attempt < 20; attempt++) {
      try {
        await api.stream(`/api/v1/jobs/${id}/progress`, (name, data) => {
          if (name === 'progress') {
            latest = data;
            update(data);
          }
        }, signal);
      } catch (error) {
        if (signal.aborted || error instanceof api.SessionEnded) {
          if (error instanceof api.SessionEnded) {
            throw error;
          }
          return;
        }
        live.show(`Live updates interrupted (${describe(error)}); reconnecting…`, 'info');
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
    // a cancelled job's partial results are written after it is cancelled, when the stream has already ended
    for (let attempt = 0; latest.status === 'cancelled' && !latest.results_available && attempt < 30
         && !signal.aborted; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      latest = await api.get(`/api/v1/jobs/${id}`);
      update(latest);
    }
  };

  return {
    title: job.file_name,
    content: [
      h('p', { class: 'crumbs' }, h('a', { href: '/jobs' }, 'Jobs'), ' / ', job.file_name),
      h('h1', {}, job.file_name),
      view,
      historySection(`/api/v1/jobs/${encodeURIComponent(id)}/history`, 'History of this job', 'job-history'),
    ],
    started: () => {
      if (!FINISHED.has(job.status) || (job.status === 'cancelled' && !job.results_available)) {
        follow();
      }
    },
  };
}

/** The job; one uploaded a moment ago may take a moment to reach the read model. */
async function readJob(id) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.get(`/api/v1/jobs/${id}`);
    } catch (error) {
      if (!(error instanceof api.ApiError && error.status === 404) || attempt === 10) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

function jobDetails(job, live, chosen) {
  const finished = FINISHED.has(job.status);
  const parts = [
    h('div', { class: 'job-summary card' },
      h('p', { class: 'job-status' }, 'Status: ', statusBadge(job.status)),
      progressBar(job, 'Verification progress'),
      h('p', { class: 'job-progress', 'aria-live': 'polite' },
        `${count(job.rows_done)} of ${count(job.rows_to_check)} unique addresses checked`
        + (job.duplicates ? ` (${count(job.duplicates)} duplicates skipped)` : '')),
      finished ? null : live,
      finished ? null : cancelButton(job, live)),
  ];
  if (job.status === 'rejected') {
    parts.push(h('p', { class: 'notice notice-error', role: 'alert' }, rejection(job)));
  }
  if (job.status === 'failed') {
    parts.push(h('p', { class: 'notice notice-error', role: 'alert' },
      `This job failed${job.detail ? `: ${job.detail}` : '.'} Its reserved credits were given back.`));
  }
  if (job.rows_done > 0 || finished) {
    parts.push(h('section', { class: 'counts', 'aria-label': 'Verdicts' },
      VERDICTS.map((verdict) => h('div', { class: `tile verdict-${verdict}` },
        h('p', { class: 'tile-label' }, verdict),
        h('p', { class: `tile-value count-${verdict}` }, count(job.counts?.[verdict]))))));
  }
  if (job.reasons && Object.keys(job.reasons).length) {
    parts.push(reasonChart(job.reasons));
  }
  parts.push(h('dl', { class: 'facts' },
    h('dt', {}, 'Rows in the file'), h('dd', {}, count(job.rows_total)),
    h('dt', {}, 'Credits reserved'), h('dd', {}, count(job.credits_reserved)),
    h('dt', {}, 'Credits charged'), h('dd', {}, count(job.credits_captured)),
    h('dt', {}, 'Uploaded'), h('dd', {}, when(job.created_at)),
    h('dt', {}, 'Finished'), h('dd', {}, when(job.finished_at))));
  if (job.results_available) {
    parts.push(downloads(job, chosen));
  }
  return parts;
}

/** Why the verdicts are what they are, in a few words per reason code (verify.js explains one in a sentence). */
const REASON_WORDS = {
  accepted: 'Mailbox accepted mail',
  mailbox_not_found: 'No such mailbox',
  no_mx: 'Domain has no mail server',
  null_mx: 'Domain accepts no mail',
  no_domain: 'No such domain',
  bad_syntax: 'Not a well-formed address',
  unknown_tld: 'Top-level domain does not exist',
  catch_all: 'Domain accepts any name (catch-all)',
  disposable: 'Disposable address',
  role_account: 'Role address (info@, sales@…)',
  mailbox_full: 'Mailbox full',
  greylisted: 'Greylisted: asked to come back later',
  smtp_timeout: 'Mail server did not answer in time',
  smtp_error: 'No mail server could be reached',
  dns_error: 'Name servers failed to answer',
  blocked: 'Mail server refused to talk to us',
  address_literal: 'IP address instead of a domain',
  quoted_local_part: 'Quoted name before the @',
  not_checked: 'Mailbox not checked',
};

/**
 * The verdicts by reason as a table whose rows carry a bar: the numbers are text in the table (what screen readers
 * and the tests read); the bars are SVG sized by attributes, since the Content-Security-Policy refuses inline styles.
 */
function reasonChart(reasons) {
  const rows = Object.entries(reasons).filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
  return h('section', { class: 'reasons' },
    h('h2', { id: 'reasons-heading' }, 'Verdicts by reason'),
    // on a phone the table may scroll sideways: the box takes the focus so a keyboard can scroll it too
    h('div', {
      class: 'card table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'reasons-heading',
      'data-focus-key': 'reasons',
    },
      h('table', { class: 'reason-chart' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Reason'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Share as a bar')),
          h('th', { scope: 'col', class: 'number' }, 'Addresses'),
          h('th', { scope: 'col', class: 'number' }, 'Share'))),
        h('tbody', {}, rows.map(([reason, n]) => h('tr', { 'data-reason': reason },
          h('th', { scope: 'row', class: 'reason-name' }, REASON_WORDS[reason] ?? reason.replaceAll('_', ' '),
            h('span', { class: 'reason-code' }, ` ${reason}`)),
          h('td', { class: 'reason-bar-cell' }, reasonBar(n / total)),
          h('td', { class: 'number reason-count' }, count(n)),
          h('td', { class: 'number reason-share' }, percent.format(n / total))))))));
}

function reasonBar(share) {
  const width = Math.max(share * 100, 0.5).toFixed(1);
  return svg('svg', {
    class: 'reason-bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true',
    focusable: 'false',
  }, svg('rect', { class: 'reason-track', width: 100, height: 10, rx: 2 }),
  svg('rect', { class: 'reason-fill', width, height: 10, rx: 2 }));
}

/**
 * The results as CSV or XLSX: every row, or only the rows of the statuses ticked (the results API's status filter).
 */
function downloads(job, chosen) {
  const errors = notice('error');
  const choices = VERDICTS.map((verdict) => {
    const box = h('input', {
      type: 'checkbox', name: 'status', value: verdict, id: `download-${verdict}`, checked: chosen.has(verdict),
      'data-focus-key': `download-${verdict}`,
      onchange: () => {
        if (box.checked) {
          chosen.add(verdict);
        } else {
          chosen.delete(verdict);
        }
        errors.show('');
      },
    });
    return h('div', { class: `choice verdict-${verdict}` }, box,
      h('label', { for: box.id }, verdict, h('span', { class: 'choice-count' }, ` (${count(job.counts?.[verdict])})`)));
  });
  const button = (format, label) => h('button', {
    type: 'button', class: 'primary download', 'data-focus-key': format,
    onclick: async (event) => {
      errors.show('');
      if (chosen.size === 0) {
        errors.show('Choose at least one status to download.');
        return;
      }
      // every status: every row; some: only their rows
      const only = chosen.size === VERDICTS.length ? ''
        : `&status=${VERDICTS.filter((verdict) => chosen.has(verdict)).join(',')}`;
      event.target.disabled = true;
      try {
        await api.download(`/api/v1/jobs/${job.id}/results?format=${format}${only}`, `results.${format}`);
      } catch (error) {
        if (error instanceof api.SessionEnded) {
          throw error;
        }
        errors.show(describe(error));
      } finally {
        event.target.disabled = false;
      }
    },
  }, label);
  return h('section', { class: 'downloads' }, h('h2', {}, 'Results'),
    h('p', {}, 'Your rows and columns as uploaded, with a verdict and its reasons on each row.'),
    h('fieldset', { class: 'download-choices' },
      h('legend', {}, 'Rows to include'),
      h('div', { class: 'choices' }, choices)),
    h('div', { class: 'button-row' }, button('csv', 'Download CSV'), button('xlsx', 'Download Excel (XLSX)')),
    errors);
}

/** Stops a running job: the verdicts so far stay downloadable and billed, the rest is given back. */
function cancelButton(job, live) {
  const button = h('button', {
    type: 'button', class: 'secondary cancel', 'data-focus-key': 'cancel',
    onclick: async () => {
      if (!window.confirm('Cancel this job? Addresses checked so far stay in the results and are charged.')) {
        return;
      }
      button.disabled = true;
      try {
        await api.post(`/api/v1/jobs/${job.id}/cancel`);
        live.show('Cancelling…', 'info'); // the live stream shows it cancelled
      } catch (error) {
        button.disabled = false;
        if (error instanceof api.SessionEnded) {
          throw error;
        }
        live.show(describe(error), 'error');
      }
    },
  }, 'Cancel job');
  return h('div', {}, button);
}

function rejection(job) {
  switch (job.rejection_reason) {
    case 'account_not_allowed':
      return 'Your account may not verify lists yet: confirm your email address first. Nothing was charged.';
    case 'insufficient_credits':
      return `This list needs ${count(job.rows_to_check)} credits, more than you have available. Nothing was charged. Buy credits and upload it again.`;
    default:
      return `This list was not accepted${job.detail ? `: ${job.detail}` : '.'}`
        + (job.rejection_reason ? ` (${job.rejection_reason.replaceAll('_', ' ')})` : '');
  }
}
