// paysandbox dashboard: one namespace of the sandbox, read and driven through
// the control API (contracts/admin.yaml). Plain script, no build step, no CDN.
'use strict';

const $ = id => document.getElementById(id);
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
const TOKEN_KEY = 'paysandbox-admin-token';

// The namespace comes from the address: /ns/{name}/ or / (default).
// ?ns=name is a shortcut for /ns/name/.
const query = new URLSearchParams(location.search);
const nsMatch = location.pathname.match(/^\/ns\/([^/]+)/);
const NS = nsMatch ? decodeURIComponent(nsMatch[1]) : 'default';
const nsPath = name => name === 'default' ? '/' : '/ns/' + encodeURIComponent(name) + '/';
const api = path => (NS === 'default' ? '' : '/ns/' + encodeURIComponent(NS)) + '/__admin/' + path;

// A ?token= is read once, kept for this tab, and taken out of the address.
if (query.has('token')) {
  sessionStorage.setItem(TOKEN_KEY, query.get('token'));
  query.delete('token');
}
if (query.has('ns') && !nsMatch) {
  const target = query.get('ns');
  query.delete('ns');
  location.replace(nsPath(target) + (query.toString() ? '?' + query : ''));
}
history.replaceState(null, '', location.pathname + (query.toString() ? '?' + query : '') + location.hash);

class AuthError extends Error {}

function headers(json) {
  const h = {};
  const tok = sessionStorage.getItem(TOKEN_KEY);
  if (tok) h.Authorization = 'Bearer ' + tok;
  if (json) h['Content-Type'] = 'application/json';
  return h;
}

// call sends a control-API request; a 401 shows the token prompt, another
// failure throws the API's own message.
async function call(method, path, body) {
  const r = await fetch(api(path), {method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body)});
  if (r.status === 401) {
    askToken();
    throw new AuthError('unauthorized');
  }
  let data = null;
  try { data = await r.json(); } catch (e) { data = null; }
  if (!r.ok) throw new Error((data && (data.message || data.error)) || ('HTTP ' + r.status));
  return data ?? {};
}

function say(text, kind) {
  const m = $('message');
  m.textContent = text;
  m.className = kind || '';
  m.hidden = !text;
}

function askToken() {
  const had = !!sessionStorage.getItem(TOKEN_KEY);
  $('token-form').hidden = false;
  $('app').hidden = true;
  $('live').textContent = 'admin token needed';
  say(had ? 'The admin token was refused (401): enter the token this sandbox was started with.'
    : 'This sandbox requires its admin token (401 Unauthorized).');
  $('token-input').focus();
}

$('token-form').addEventListener('submit', ev => {
  ev.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
  $('token-input').value = '';
  $('token-form').hidden = true;
  $('app').hidden = false;
  say('');
  start();
});

// ---- amounts: the API counts tiyin; people read sums.
function sums(tiyin) {
  if (typeof tiyin !== 'number') return esc(tiyin);
  const s = (tiyin / 100).toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2}).replace(/,/g, '\u202f');
  return '<span class="num">' + s + ' sum</span><span class="muted tiyin">' + tiyin + ' tiyin</span>';
}
const moneyKey = k => /(amount|balance|held|fee|paid|settled|sum|total)/i.test(k) && !/(count|id)$/i.test(k);
const time = t => typeof t === 'string' && t.length >= 19 ? t.slice(11, 19) : esc(t);

// ---- requests
let entries = [];
const seen = new Set();
let lastID = 0;
let selected = null;

function addEntries(list) {
  for (const e of list) {
    if (!e || seen.has(e.id)) continue;
    seen.add(e.id);
    entries.push(e);
    lastID = Math.max(lastID, e.id);
  }
  entries.sort((a, b) => b.id - a.id);
  if (entries.length > 1000) entries.length = 1000;
  renderRequests();
}

function isError(e) { return e.status >= 400 || !!e.error_code; }

function matches(e) {
  const p = $('f-provider').value, o = $('f-operation').value, s = $('f-status').value, x = $('f-error').value.trim().toLowerCase();
  if (p && e.provider !== p) return false;
  if (o && e.operation !== o) return false;
  if (s === 'ok' && isError(e)) return false;
  if (s === 'error' && !isError(e)) return false;
  if (/^[245]$/.test(s) && String(e.status)[0] !== s) return false;
  if (x && !((e.error_code || '') + ' ' + (e.why || '') + ' ' + (e.rule || '')).toLowerCase().includes(x)) return false;
  return true;
}

function fillSelect(sel, values) {
  const keep = sel.value;
  const have = [...sel.options].map(o => o.value);
  for (const v of values) if (v && !have.includes(v)) sel.add(new Option(v, v));
  sel.value = keep;
}

function renderRequests() {
  fillSelect($('f-provider'), entries.map(e => e.provider));
  fillSelect($('f-operation'), entries.filter(e => !$('f-provider').value || e.provider === $('f-provider').value).map(e => e.operation));
  const shown = entries.filter(matches);
  $('request-count').textContent = shown.length + ' of ' + entries.length;
  $('requests').tBodies[0].innerHTML = shown.slice(0, 300).map(e =>
    '<tr data-id="' + e.id + '"' + (selected === e.id ? ' class="selected"' : '') + '>' +
    '<td>' + time(e.time) + '</td><td>' + esc(e.provider || '—') + '</td><td>' + esc(e.operation || e.method + ' ' + e.path) + '</td>' +
    '<td class="' + (isError(e) ? 'err' : 'ok') + '">' + esc(e.status) + '</td>' +
    '<td>' + esc(e.error_code) + (e.contract_violation ? ' <strong class="err">contract!</strong>' : '') + '</td>' +
    '<td class="num">' + esc(e.duration_ms) + '</td>' +
    '<td><button type="button" class="open-detail" data-id="' + e.id + '" aria-label="Details of request ' + e.id + '">details</button></td></tr>').join('');
}

function pretty(body) {
  if (!body) return '(empty)';
  try { return JSON.stringify(JSON.parse(body), null, 2); } catch (e) { return body; }
}

function showDetail(id) {
  const e = entries.find(x => x.id === id);
  if (!e) return;
  selected = id;
  const fired = e.rule ? e.rule : (e.error_code || '').startsWith('fault:') ? e.error_code : '';
  const rows = [
    ['request', e.method + ' ' + e.path], ['request id', e.request_id], ['time', e.time],
    ['took', e.duration_ms + ' ms'], ['provider', e.provider], ['operation', e.operation],
    ['status', e.status], ['error', e.error_code], ['why', e.why], ['rule or fault', fired],
    ['contract violation', e.contract_violation],
  ].filter(r => r[1] !== undefined && r[1] !== '' && r[1] !== null);
  $('detail-h').textContent = 'Request ' + e.id + ': ' + (e.operation || e.path);
  $('detail-meta').innerHTML = rows.map(r => '<dt>' + esc(r[0]) + '</dt><dd' + (r[0] === 'why' ? ' id="detail-why"' : '') + '>' + esc(r[1]) + '</dd>').join('');
  $('detail-request').textContent = pretty(e.request_body);
  $('detail-response').textContent = pretty(e.response_body);
  $('detail').hidden = false;
  renderRequests();
  $('detail').focus();
}

$('requests').addEventListener('click', ev => {
  const b = ev.target.closest('button.open-detail');
  if (b) showDetail(Number(b.dataset.id));
});
$('detail-close').addEventListener('click', () => {
  $('detail').hidden = true;
  selected = null;
  renderRequests();
});
for (const id of ['f-provider', 'f-operation', 'f-status']) $(id).addEventListener('change', renderRequests);
$('f-error').addEventListener('input', renderRequests);
$('filters').addEventListener('submit', ev => ev.preventDefault());

// ---- the other panels
function table(id, list, row) {
  $(id).tBodies[0].innerHTML = list.length ? list.map(x => '<tr>' + row(x).map(c => '<td>' + c + '</td>').join('') + '</tr>').join('')
    : '<tr><td colspan="9" class="muted">none</td></tr>';
}

async function loadHealth() {
  const h = await call('GET', 'health');
  $('health').textContent = 'scenario ' + (h.scenario ?? '?') + ' · v' + (h.version ?? '?') + (h.strict ? ' · strict' : '') + ' · ' + (h.namespaces ?? '?') + ' namespaces';
  return h;
}

async function loadNamespaces() {
  const r = await call('GET', 'namespaces');
  const names = r.namespaces ?? ['default'];
  if (!names.includes(NS)) names.push(NS);
  $('ns-select').innerHTML = names.map(n => '<option' + (n === NS ? ' selected' : '') + '>' + esc(n) + '</option>').join('');
}

async function loadClock() {
  const c = await call('GET', 'clock');
  $('clock-now').textContent = (c.now ?? '?') + (c.frozen ? ' (frozen)' : '');
  if (!$('set-input').value && c.now) $('set-input').value = c.now.replace(/\.\d+/, '');
}

async function loadSMS() {
  const s = await call('GET', 'sms');
  table('sms', (s.messages ?? []).slice(0, 50), m => [time(m.sent_at), esc(m.phone),
    m.code ? '<strong class="code">' + esc(m.code) + '</strong> <button type="button" class="copy" data-code="' + esc(m.code) + '" aria-label="Copy code ' + esc(m.code) + '">copy</button>' : '',
    esc(m.text)]);
}

$('sms').addEventListener('click', async ev => {
  const b = ev.target.closest('button.copy');
  if (!b) return;
  try {
    await navigator.clipboard.writeText(b.dataset.code);
    b.textContent = 'copied';
  } catch (e) {
    b.textContent = b.dataset.code; // no clipboard (plain http): leave it selectable
  }
});

async function loadFaults() {
  const f = await call('GET', 'faults');
  table('faults', f.faults ?? [], x => [esc(x.provider), esc((x.operation && x.operation.length ? x.operation : ['*']).join(', ')),
    esc(x.error || (x.fault ? 'fault: ' + x.fault : '') || (x.delay ? 'delay ' + x.delay : '')), esc(x.remaining || '∞')]);
}

async function loadCards() {
  const k = await call('GET', 'state/cards');
  table('cards', k.cards ?? [], x => [esc(x.pan), esc(x.vendor), esc(x.status), sums(x.balance), sums(x.held)]);
}

// renderValue shows any JSON state generically: lists of objects as tables,
// money fields in sums and tiyin.
function renderValue(key, v) {
  if (Array.isArray(v)) {
    if (!v.length) return '<span class="muted">none</span>';
    if (typeof v[0] !== 'object' || v[0] === null) return esc(v.join(', '));
    const cols = [...new Set(v.flatMap(o => Object.keys(o ?? {})))];
    return '<table><thead><tr>' + cols.map(c => '<th scope="col">' + esc(c) + '</th>').join('') + '</tr></thead><tbody>' +
      v.map(o => '<tr>' + cols.map(c => '<td>' + renderValue(c, o?.[c]) + '</td>').join('') + '</tr>').join('') + '</tbody></table>';
  }
  if (v && typeof v === 'object') {
    return '<dl>' + Object.entries(v).map(([k, x]) => '<dt>' + esc(k) + '</dt><dd>' + renderValue(k, x) + '</dd>').join('') + '</dl>';
  }
  if (typeof v === 'number' && moneyKey(key)) return sums(v);
  return esc(v);
}

let providers = [];

async function loadState() {
  const parts = await Promise.all(providers.map(async p => {
    try { return [p, await call('GET', 'state/' + p)]; } catch (e) { if (e instanceof AuthError) throw e; return [p, {error: e.message}]; }
  }));
  const open = new Set([...document.querySelectorAll('#state details[open]')].map(d => d.dataset.provider));
  $('state').innerHTML = parts.map(([p, st]) => {
    const v = Object.assign({}, st);
    delete v.cards; // the ledger has its own panel
    const counts = Object.entries(v).filter(([, x]) => Array.isArray(x)).map(([k, x]) => k + ' ' + x.length).join(' · ');
    return '<details data-provider="' + esc(p) + '"' + (open.has(p) ? ' open' : '') + '><summary>' + esc(p) + ' <span class="muted">' + esc(counts) + '</span></summary>' + renderValue('', v) + '</details>';
  }).join('');
}

let coverage = null;

async function loadCoverage() {
  coverage = await call('GET', 'coverage');
  const list = coverage.providers ?? [];
  providers = list.map(p => p.provider);
  $('coverage').innerHTML = list.map(p => {
    const groups = {};
    for (const e of p.errors ?? []) (groups[e.handling || 'unclassified'] ??= []).push(e);
    return '<details data-provider="' + esc(p.provider) + '"><summary>' + esc(p.provider) + ': ' + esc(p.met) + ' of ' + esc(p.documented) + ' documented errors met</summary>' +
      Object.entries(groups).map(([g, errs]) => '<h3>' + esc(g) + ' <span class="muted">(' + errs.filter(e => e.count > 0).length + '/' + errs.length + ' met)</span></h3><ul>' +
        errs.map(e => '<li class="' + (e.count > 0 ? 'met' : 'never') + '">' + (e.count > 0 ? '✔ met ' + e.count + '×' : '✘ never met') + ' — <code>' + esc(e.code) + '</code> ' + esc(e.message) + '</li>').join('') + '</ul>').join('') +
      '</details>';
  }).join('');
  const open = $('coverage').dataset.open;
  if (open) for (const d of $('coverage').querySelectorAll('details')) d.open = d.dataset.provider === open;
  fillFaultForm();
}
$('coverage').addEventListener('toggle', ev => { if (ev.target.open) $('coverage').dataset.open = ev.target.dataset.provider; }, true);

// ---- faults form: operations and documented errors from the coverage report.
function fillFaultForm() {
  const list = coverage?.providers ?? [];
  const sel = $('fault-provider');
  if (!sel.options.length) {
    sel.innerHTML = list.map(p => '<option>' + esc(p.provider) + '</option>').join('');
    fillFaultChoices();
  }
}

function fillFaultChoices() {
  const p = (coverage?.providers ?? []).find(x => x.provider === $('fault-provider').value);
  $('fault-operation').innerHTML = '<option value="">any operation</option>' + (p?.operations ?? []).map(o => '<option>' + esc(o.operation) + '</option>').join('');
  $('fault-error').innerHTML = (p?.errors ?? []).map(e => '<option value="' + esc(e.code) + '">' + esc(e.code) + ' — ' + esc(e.message) + '</option>').join('');
}
$('fault-provider').addEventListener('change', fillFaultChoices);
for (const r of document.querySelectorAll('input[name="fault-kind"]')) {
  r.addEventListener('change', () => {
    const isErr = $('kind-error').checked;
    $('fault-error').disabled = !isErr;
    $('fault-fault').disabled = isErr;
  });
}

async function act(fn, done) {
  try {
    await fn();
    if (done) say(done, 'info');
    refreshSoon(0);
  } catch (e) {
    if (!(e instanceof AuthError)) say(e.message);
  }
}

$('fault-form').addEventListener('submit', ev => {
  ev.preventDefault();
  const body = {provider: $('fault-provider').value, times: Number($('fault-times').value) || 1};
  if ($('fault-operation').value) body.operation = $('fault-operation').value;
  if ($('kind-error').checked) body.error = $('fault-error').value; else body.fault = $('fault-fault').value;
  act(() => call('POST', 'faults', body), 'Armed ' + (body.error || body.fault) + ' on ' + body.provider + ' ' + (body.operation || 'any operation') + '.');
});
$('disarm').addEventListener('click', () => act(() => call('DELETE', 'faults'), 'Every fault disarmed.'));

// ---- clock and reset
for (const b of document.querySelectorAll('button[data-advance]')) {
  b.addEventListener('click', () => act(() => call('POST', 'clock', {advance: b.dataset.advance}), 'Clock advanced by ' + b.dataset.advance + '.'));
}
$('advance-form').addEventListener('submit', ev => {
  ev.preventDefault();
  const d = $('advance-input').value.trim();
  act(() => call('POST', 'clock', {advance: d}), 'Clock advanced by ' + d + '.');
});
$('set-form').addEventListener('submit', ev => {
  ev.preventDefault();
  const t = $('set-input').value.trim();
  act(() => call('POST', 'clock', {set: t}), 'Clock set to ' + t + '.');
});
$('reset').addEventListener('click', () => {
  if (!confirm('Reset namespace ' + NS + '? State, journal, SMS, faults and clock go back to the scenario.')) return;
  act(async () => {
    await call('POST', 'reset');
    resetJournal();
  }, 'Namespace ' + NS + ' reset.');
});

// ---- namespace picker
$('ns-select').addEventListener('change', () => location.assign(nsPath($('ns-select').value)));
$('ns-form').addEventListener('submit', ev => {
  ev.preventDefault();
  const n = $('ns-other').value.trim();
  if (n && $('ns-other').checkValidity()) location.assign(nsPath(n));
  else if (n) say('Namespace names are 1-64 of A-Z a-z 0-9 . _ -');
});

// ---- refresh: everything but the journal, debounced; the journal is live.
async function refreshPanels() {
  await loadCoverage(); // first: it names the providers
  await Promise.all([loadHealth(), loadNamespaces(), loadClock(), loadSMS(), loadFaults(), loadCards(), loadState()]);
}

let timer = null;
function refreshSoon(ms) {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    try {
      await refreshPanels();
    } catch (e) {
      if (!(e instanceof AuthError)) say('The sandbox did not answer: ' + e.message);
    }
  }, ms ?? 300);
}

function resetJournal() {
  entries = [];
  seen.clear();
  lastID = 0;
  selected = null;
  $('detail').hidden = true;
  renderRequests();
}

// ---- live: the journal as server-sent events, read with fetch so the
// admin token can go in a header (EventSource cannot send one).
let stream = null;

async function listen() {
  if (stream) stream.abort();
  const ctrl = new AbortController();
  stream = ctrl;
  try {
    const r = await fetch(api('events?since=' + lastID), {headers: headers(false), signal: ctrl.signal});
    if (r.status === 401) { askToken(); return; }
    if (!r.ok || !r.body) throw new Error('HTTP ' + r.status);
    $('live').textContent = '● live';
    const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buf += value;
      let cut;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        handleEvent(buf.slice(0, cut));
        buf = buf.slice(cut + 2);
      }
    }
  } catch (e) {
    if (ctrl.signal.aborted) return;
  }
  if (stream !== ctrl) return;
  $('live').textContent = '○ reconnecting…';
  setTimeout(listen, 2000);
}

function handleEvent(block) {
  let event = 'message', data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (event === 'reset') {
    resetJournal();
    refreshSoon();
  } else if (event === 'entry' && data) {
    try { addEntries([JSON.parse(data)]); } catch (e) { return; }
    refreshSoon();
  }
}

async function start() {
  try {
    const r = await call('GET', 'requests?limit=500');
    resetJournal();
    addEntries(r.requests ?? []);
    await refreshPanels();
    listen();
  } catch (e) {
    if (!(e instanceof AuthError)) say('The sandbox did not answer: ' + e.message);
  }
}

document.title = 'paysandbox · ' + NS;
start();
