// The Accord explorer: a grid of a relation as of a date, each cell's proof, a key's
// timeline, and what-if. Everything it shows comes from the server's JSON API (/v1/...) or
// the SVG pictures the server draws; every value is put in the page as text (textContent),
// never as markup, and the server's SVG is parsed as XML, where a script does not run.
'use strict';

const state = {
  relations: [],      // from /v1/program: the relations a grid can show
  relation: null,     // the one shown
  asOf: '',           // YYYY-MM-DD
  dates: [],          // the dates on which the relation changes (the slider's stops)
  selectedKey: null,  // the cell whose proof is shown
};

const byId = (id) => document.getElementById(id);

/// A confidence as the commands print it: at most four decimals (0.09, not 0.08999999999999998).
const confidence = (value) => String(Math.round(value * 10000) / 10000);

/// The answers a pane waits for: only the latest request's is shown (one sent earlier may
/// arrive later, while the slider moves).
const latest = { grid: 0, detail: 0, timeline: 0 };
function ticket(pane) {
  const number = ++latest[pane];
  return () => number === latest[pane];
}

/// An element with attributes and children (strings become text, never markup).
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

class ApiError extends Error {
  constructor(status, document) {
    const messages = (document.diagnostics || []).filter((d) => d.severity === 'error').map(describeDiagnostic);
    super(messages.join('\n') || `HTTP ${status}`);
    this.status = status;
  }
}

function describeDiagnostic(diagnostic) {
  const place = diagnostic.file ? `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ` : '';
  return `${place}${diagnostic.severity}: ${diagnostic.message}`;
}

/// A GET (no body) or a JSON POST to the API; the JSON document, or the SVG text when the
/// answer is a picture. ApiError for an answer that is not ok.
async function api(path, body) {
  const options = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(path, options);
  const type = response.headers.get('Content-Type') || '';
  if (response.ok && type.startsWith('image/svg+xml')) return response.text();
  const document = await response.json();
  if (!response.ok || document.ok === false) throw new ApiError(response.status, document);
  return document;
}

/// The server's SVG as a node of this page: parsed as XML (no script runs), then adopted.
function svgNode(text) {
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
  if (parsed.querySelector('parsererror')) throw new Error('the server sent a picture that is not SVG');
  return document.importNode(parsed.documentElement, true);
}

function setStatus(text, isError = false) {
  const status = byId('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

function showError(container, error) {
  container.replaceChildren(el('div', { class: 'error-text' }, error.message));
}

// ---- the relation and its pattern ---------------------------------------------------

/// `vote(K1, K2) = V`: every fact of the relation.
function patternOf(relation) {
  const keys = relation.columns.map((_, i) => `K${i + 1}`).join(', ');
  return relation.value ? `${relation.name}(${keys}) = V` : `${relation.name}(${keys})`;
}

/// `vote(romania, K2) = V`: every fact of one row.
function rowPattern(relation, rowText) {
  const keys = [rowText, ...relation.columns.slice(1).map((_, i) => `K${i + 2}`)].join(', ');
  return relation.value ? `${relation.name}(${keys}) = V` : `${relation.name}(${keys})`;
}

function chooseDefaultRelation(relations) {
  const keyed = relations.filter((r) => r.value);
  return (keyed.find((r) => r.columns.length >= 2) || keyed[0] || relations[0]).name;
}

// ---- dates --------------------------------------------------------------------------

/// Today in the browser's time zone (the server evaluates "today" in its own).
function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

/// The relation's dates of change, from its timeline: the slider steps through them.
async function loadDates() {
  try {
    const timeline = await api('/v1/timeline', { query: patternOf(state.relation) });
    const dates = new Set();
    for (const lane of timeline.timelines) for (const change of lane.changes) if (change.from) dates.add(change.from);
    state.dates = [...dates].sort();
  } catch (error) {
    state.dates = [];  // a relation that reads today changes every day: the date field alone
  }
  const slider = byId('date-slider');
  slider.max = String(Math.max(0, state.dates.length - 1));
  slider.disabled = state.dates.length === 0;
  placeSlider();
}

/// The slider at the last change on or before the date shown.
function placeSlider() {
  let index = 0;
  state.dates.forEach((date, i) => { if (date <= state.asOf) index = i; });
  byId('date-slider').value = String(index);
}

/// Shows the grid as of `date`; `history` is how the address remembers it: 'push' (Back
/// returns to the date before), 'replace', or 'none' (going Back; while the slider moves).
function setDate(date, history = 'push') {
  state.asOf = date;
  byId('what-if-result').replaceChildren();  // it was as of the date before
  byId('as-of').value = date;
  placeSlider();
  rememberInAddress(history);
  return showGrid();
}

function rememberInAddress(how) {
  const address = `?${new URLSearchParams({ relation: state.relation.name, as_of: state.asOf })}`;
  if (how === 'none' || address === location.search) return;
  if (how === 'push') history.pushState(null, '', address);
  else history.replaceState(null, '', address);
}

/// Back and Forward: the relation and date the address names.
async function followAddress() {
  const parameters = new URLSearchParams(location.search);
  const relation = parameters.get('relation');
  const date = parameters.get('as_of');
  if (relation && relation !== state.relation.name && state.relations.some((r) => r.name === relation)) {
    await chooseRelation(relation, 'none');
  }
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date) && date !== state.asOf) await setDate(date, 'none');
}

// ---- the grid -----------------------------------------------------------------------

async function showGrid() {
  const grid = byId('grid');
  const current = ticket('grid');
  const asked = { relation: state.relation.name, as_of: state.asOf };
  setStatus(`evaluating ${asked.relation} as of ${asked.as_of}…`);
  try {
    const picture = svgNode(await api('/v1/grid', { ...asked, format: 'svg' }));
    if (!current()) return;
    const empty = picture.querySelectorAll('.cell').length === 0;
    grid.replaceChildren(picture, empty ? el('p', { class: 'muted' }, `No ${asked.relation} fact holds as of ${asked.as_of}.`) : '');
    setStatus(`${asked.relation} as of ${picture.dataset.asOf || asked.as_of}, evaluated from ${byId('model').dataset.from || 'the model'}`);
    if (state.selectedKey) markSelected(state.selectedKey);
  } catch (error) {
    if (!current()) return;
    showError(grid, error);
    setStatus(`could not show ${asked.relation} as of ${asked.as_of}`, true);
  }
}

function markSelected(key) {
  for (const cell of byId('grid').querySelectorAll('.cell')) cell.classList.toggle('selected', cell.dataset.key === key);
}

function onGridClick(event) {
  const cell = event.target.closest('.cell');
  if (cell) return explainCell(cell);
  const row = event.target.closest('.row-label');
  if (row) return showTimeline(rowPattern(state.relation, row.dataset.key), row.textContent);
  return undefined;
}

function onGridKey(event) {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    onGridClick(event);
  }
}

// ---- explanations -------------------------------------------------------------------

async function explainCell(cell) {
  const key = cell.dataset.key;
  state.selectedKey = key;
  markSelected(key);
  const fact = cell.dataset.fact;
  const actions = byId('detail-actions');
  actions.replaceChildren();
  if (fact) {
    await explainWhy(fact);
    if (state.relation.value) actions.append(el('button', { type: 'button', onclick: () => explainWhyNot(key) }, 'Why not another value?'));
  } else {
    await explainWhyNot(key);
  }
  showTimeline(state.relation.value ? `${key} = V` : key, key);
}

async function explainWhy(fact) {
  const current = ticket('detail');
  byId('detail-title').textContent = `Why ${fact}`;
  const body = byId('detail-body');
  body.replaceChildren(el('p', { class: 'muted' }, 'explaining…'));
  try {
    const answer = await api('/v1/why', { query: fact, as_of: state.asOf });
    if (!current()) return;
    body.replaceChildren(el('p', { class: 'muted' }, `as of ${answer.as_of}, from ${answer.from}`), ...answer.proofs.map((proof) => proofNode(proof, 0)));
  } catch (error) {
    if (current()) showError(body, error);
  }
}

async function explainWhyNot(query) {
  const current = ticket('detail');
  byId('detail-title').textContent = `Why not ${query}`;
  const body = byId('detail-body');
  body.replaceChildren(el('p', { class: 'muted' }, 'explaining…'));
  try {
    const answer = await api('/v1/why-not', { query, as_of: state.asOf });
    if (!current()) return;
    const parts = answer.values
      ? [el('p', {}, answer.value ? `${answer.key} is ${answer.value}; the other values:` : `${answer.key} has no value:`), ...answer.values.map(whyNotNode)]
      : [whyNotNode(answer)];
    body.replaceChildren(el('p', { class: 'muted' }, `as of ${answer.as_of}, from ${answer.from}`), ...parts);
  } catch (error) {
    if (current()) showError(body, error);
  }
}

function describeRule(rule) {
  if (!rule) return null;
  const place = rule.location ? ` (${rule.location.file}:${rule.location.line})` : '';
  return el('div', { class: 'rule' }, `by rule ${rule.name || '#' + rule.id}${place}`);
}

function factMeta(proof) {
  const parts = [`@${confidence(proof.confidence)}`, proof.origin];
  if (proof.source) parts.push(`source: ${proof.source}`);
  if (proof.since) parts.push(`since ${proof.since}`);
  if (proof.until) parts.push(`until ${proof.until}`);
  if (proof.in_force === false) parts.push('not in force');
  return el('span', { class: 'meta' }, parts.join(' · '));
}

/// A checkbox that puts a base fact in the what-if panel's "take these away" list.
function retractToggle(fact) {
  const box = el('input', { type: 'checkbox', title: 'what if this were not so', checked: linesOf('retract').includes(fact) });
  box.addEventListener('change', () => {
    const kept = linesOf('retract').filter((line) => line !== fact);
    byId('retract').value = [...kept, ...(box.checked ? [fact] : [])].join('\n');
  });
  return el('label', { class: 'meta' }, box, 'take away');
}

function proofNode(proof, depth) {
  const isBase = proof.origin === 'asserted' || proof.origin === 'program';
  const summary = el('summary', {}, el('span', { class: 'fact' }, proof.fact), factMeta(proof), isBase ? retractToggle(proof.fact) : null);
  const node = el('details', { open: depth < 3, class: 'proof' }, summary);
  if (proof.sentence) node.append(el('div', { class: 'sentence' }, proof.sentence));
  node.append(describeRule(proof.rule) || '');
  for (const premise of proof.premises || []) node.append(proofNode(premise, depth + 1));
  for (const weakener of proof.weakened_by || []) node.append(el('div', { class: 'meta' }, `weakened by (${weakener.kind}):`), proofNode(weakener, depth + 1));
  for (const absent of proof.absent || []) node.append(el('div', { class: 'meta' }, `absent: ${absent.condition}`));
  for (const other of proof.other_values || []) node.append(el('div', { class: 'meta' }, `not ${other.fact}: ${other.why}`));
  if (proof.truncated) node.append(el('div', { class: 'meta' }, 'cut here (depth)'));
  return node;
}

function whyNotNode(answer) {
  const node = el('details', { open: true, class: 'why-not' },
    el('summary', {}, el('span', { class: 'fact' }, answer.fact), el('span', { class: 'meta' }, answer.holds ? 'holds' : 'does not hold')));
  if (answer.instead) node.append(el('div', { class: 'meta' }, 'instead:'), proofNode(answer.instead, 1));
  if (answer.lost_because) node.append(el('div', {}, answer.lost_because));
  if (answer.below_minimum !== null && answer.below_minimum !== undefined) {
    node.append(el('div', {}, `derived at confidence ${confidence(answer.below_minimum)}, below the minimum ${confidence(answer.min_confidence)}`));
  }
  for (const fact of answer.out_of_force || []) {
    node.append(el('div', { class: 'meta' }, `not in force: ${fact.fact} (${fact.since || '…'} to ${fact.until || '…'}; ${fact.source})`));
  }
  for (const attempt of answer.attempts || []) node.append(attemptNode(attempt));
  if (!answer.holds && (answer.attempts || []).length === 0 && answer.base_relation) node.append(el('div', { class: 'meta' }, 'no such fact was given'));
  return node;
}

function attemptNode(attempt) {
  const name = attempt.rule.name || (attempt.rule.id === null ? 'the conditions' : `#${attempt.rule.id}`);
  const node = el('details', { open: true, class: 'attempt' },
    el('summary', {}, el('span', { class: 'rule' }, `rule ${name}`),
      el('span', { class: 'meta' }, `${attempt.conditions_met} of ${attempt.conditions} conditions met${attempt.in_force ? '' : ' · not in force'}`)));
  if (attempt.failure) node.append(el('div', { class: 'failure' }, `fails: ${attempt.failure.condition}`));
  for (const below of attempt.below || []) node.append(whyNotNode(below));
  return node;
}

// ---- the timeline -------------------------------------------------------------------

async function showTimeline(query, title) {
  const current = ticket('timeline');
  byId('timeline-title').textContent = `Timeline of ${title}`;
  const container = byId('timeline');
  try {
    const [picture, timeline] = await Promise.all([api('/v1/timeline', { query, format: 'svg' }), api('/v1/timeline', { query })]);
    if (current()) container.replaceChildren(svgNode(picture), changeList(timeline));
  } catch (error) {
    if (current()) showError(container, error);
  }
}

/// Each change of a timeline of one key, with the facts and rules that made it.
function changeList(timeline) {
  if (timeline.timelines.length !== 1) return el('p', { class: 'muted' }, 'Point at a change in the picture to see what made it.');
  const items = timeline.timelines[0].changes.filter((change) => !change.initial).map((change) => {
    const causes = change.triggers.map((trigger) => `${trigger.fact || `rule ${trigger.rule.name || '#' + trigger.rule.id}`} ${trigger.validity}`);
    return el('li', {}, el('strong', {}, change.from || 'earlier'), `: ${change.state} @${confidence(change.confidence)}`,
      causes.length ? el('span', { class: 'meta' }, `because ${causes.join('; ')}`) : null);
  });
  return el('ul', { class: 'changes' }, ...items);
}

// ---- what if ------------------------------------------------------------------------

function linesOf(id) {
  return byId(id).value.split('\n').map((line) => line.trim()).filter(Boolean);
}

async function tryWhatIf() {
  const result = byId('what-if-result');
  for (const cell of byId('grid').querySelectorAll('.cell.changed')) cell.classList.remove('changed');
  const request = { assert: linesOf('assert'), retract: linesOf('retract'), as_of: state.asOf, query: patternOf(state.relation) };
  if (request.assert.length === 0 && request.retract.length === 0) {
    result.replaceChildren(el('p', { class: 'muted' }, 'Write a fact to add or take away first.'));
    return;
  }
  result.replaceChildren(el('p', { class: 'muted' }, 'evaluating…'));
  try {
    const answer = await api('/v1/what-if', request);
    const items = answer.changes.map((change) => {
      highlightChange(change);
      const text = change.kind === 'changed' ? `${change.before.fact} → ${change.after.fact}`
        : (change.after || change.before).fact;
      return el('li', { class: `change-${change.kind}` }, `${change.kind}: ${text}`);
    });
    const notFound = answer.not_found.map((fact) => el('li', { class: 'meta' }, `not a fact, nothing taken away: ${fact}`));
    result.replaceChildren(
      el('p', {}, `${answer.changes.length} ${state.relation.name} fact${answer.changes.length === 1 ? '' : 's'} would change as of ${answer.as_of}` +
        (answer.changes.length ? ' (outlined in the grid):' : '.')),
      el('ul', {}, ...items, ...notFound));
  } catch (error) {
    showError(result, error);
  }
}

function highlightChange(change) {
  const facts = [change.before, change.after].filter(Boolean).map((side) => side.fact);
  for (const cell of byId('grid').querySelectorAll('.cell')) {
    const key = cell.dataset.key;
    if (facts.some((fact) => fact === key || fact.startsWith(`${key} = `))) cell.classList.add('changed');
  }
}

function clearWhatIf() {
  byId('assert').value = '';
  byId('retract').value = '';
  byId('what-if-result').replaceChildren();
  for (const cell of byId('grid').querySelectorAll('.cell.changed')) cell.classList.remove('changed');
  for (const box of byId('detail-body').querySelectorAll('input[type=checkbox]')) box.checked = false;
}

// ---- start --------------------------------------------------------------------------

async function chooseRelation(name, history = 'push') {
  state.relation = state.relations.find((r) => r.name === name);
  byId('relation').value = name;
  state.selectedKey = null;
  rememberInAddress(history);
  await loadDates();
  await showGrid();
}

async function start() {
  try {
    const health = await api('/v1/health');
    byId('model').textContent = `${health.model} · accord ${health.version}`;
    byId('model').dataset.from = health.model;
    const program = await api('/v1/program');
    state.relations = program.relations.filter((r) => r.columns.length > 0);
    if (state.relations.length === 0) throw new Error('the program has no relation with columns to show');
    byId('relation').replaceChildren(...state.relations.map((r) => el('option', { value: r.name }, r.name)));
    const parameters = new URLSearchParams(location.search);
    const asked = parameters.get('relation');
    const name = state.relations.some((r) => r.name === asked) ? asked : chooseDefaultRelation(state.relations);
    state.asOf = /^\d{4}-\d{2}-\d{2}$/.test(parameters.get('as_of') || '') ? parameters.get('as_of') : today();
    byId('as-of').value = state.asOf;
    await chooseRelation(name, 'replace');
    if (asked && asked !== name) setStatus(`the model has no relation '${asked}' to show; showing ${name}`, true);
  } catch (error) {
    setStatus(error.message, true);
  }
  byId('relation').addEventListener('change', (event) => chooseRelation(event.target.value));
  byId('as-of').addEventListener('change', (event) => { if (event.target.value) setDate(event.target.value); });
  byId('date-slider').addEventListener('input', (event) => setDate(state.dates[Number(event.target.value)], 'none'));
  byId('date-slider').addEventListener('change', () => rememberInAddress('push'));
  window.addEventListener('popstate', followAddress);
  byId('grid').addEventListener('click', onGridClick);
  byId('grid').addEventListener('keydown', onGridKey);
  byId('try-what-if').addEventListener('click', tryWhatIf);
  byId('clear-what-if').addEventListener('click', clearWhatIf);
  document.body.dataset.ready = 'true';  // for the browser tests: the first grid is drawn
}

start();
