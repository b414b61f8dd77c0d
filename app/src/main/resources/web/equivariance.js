// convlab explorer, equivariance page: the notebook's slider over 49 positions.
'use strict';

const GRID = 7;
const STEP = 4;
let catalogue = null;
let requestId = 0;
let playing = null;

function field(name) {
  return document.getElementById(name);
}

function params() {
  return {
    image: field('image').value.trim(),
    seed: field('seed').value.trim(),
    position: field('position').value,
  };
}

/** The chosen saved model's id, or '' for none. */
function model() {
  return field('model').value;
}

function positionText(p) {
  const top = STEP * Math.floor(p / GRID);
  const left = STEP * (p % GRID);
  return 'position ' + (p + 1) + ' of 49: top ' + top + ', left ' + left;
}

function format(v) {
  if (v === null || v === undefined) return '\u2013';
  if (v === 0) return '0';
  return v < 1e-3 ? v.toExponential(2) : v.toFixed(4);
}

function writeUrl() {
  const p = params();
  if (model()) p.model = model();
  history.replaceState(null, '', '?' + new URLSearchParams(p).toString());
}

async function refresh() {
  const id = ++requestId;
  field('position-label').textContent = positionText(parseInt(field('position').value, 10));
  field('results').classList.add('stale');
  try {
    const d = await apiGet('/api/equivariance', params());
    if (id !== requestId) return;
    showError(null);
    await Promise.all([
      load(field('img-input'), d.images.input),
      load(field('img-cnn'), d.images.cnn),
      load(field('img-mlp'), d.images.mlp),
    ]);
    if (id !== requestId) return;
    field('err-cnn-whole').textContent = format(d.errors.cnn.whole);
    field('err-cnn-interior').textContent = format(d.errors.cnn.interior);
    field('err-mlp-whole').textContent = format(d.errors.mlp.whole);
    field('err-mlp-interior').textContent = format(d.errors.mlp.interior);
    field('margin').textContent = d.margin;
    field('interior-head').textContent = 'interior (margin ' + d.margin + ')';
    field('source').textContent = 'Image ' + d.image + ' (' + d.label + ') of ' + d.source + '.';
    syncExample(d.image);
    field('untrained-option').textContent = 'untrained (seed ' + d.seed + ')';
    await refreshTrained(id, d);
    if (id !== requestId) return;
    field('results').classList.remove('stale');
    writeUrl();
  } catch (e) {
    if (id !== requestId) return;
    showError(e.message);
    stop();
  }
}

/** Shows the saved model's features and errors at the position of d, or its one-line refusal. */
async function refreshTrained(id, d) {
  const chosen = model();
  if (!chosen) {
    showTrained(false);
    showModelError(null);
    return;
  }
  try {
    const t = await apiGet('/api/models/equivariance', { model: chosen, image: d.image, position: d.position });
    if (id !== requestId) return;
    await load(field('img-trained'), t.image_url);
    if (id !== requestId) return;
    showModelError(null);
    field('trained-label').textContent = 'saved model (margin ' + t.margin + ')';
    field('err-trained-whole').textContent = format(t.errors.whole);
    field('err-trained-interior').textContent = format(t.errors.interior);
    field('trained-caption').textContent = t.layers.join(' \u2192 ') + '; ' + t.shown + ' of ' + t.features[0]
      + ' maps of ' + t.features[1] + ' x ' + t.features[2];
    field('trained-note').textContent = 'Saved model: ' + t.note + '; interior margin ' + t.margin
      + ' feature pixels' + (t.aligned ? '.' : ' (the row shows dashes).');
    showTrained(true);
  } catch (e) {
    if (id !== requestId) return;
    showTrained(false);
    showModelError(e.message);
  }
}

function showTrained(on) {
  field('fig-trained').hidden = !on;
  field('row-trained').hidden = !on;
  field('trained-note').hidden = !on;
}

function showModelError(message) {
  const box = field('model-error');
  box.textContent = message || '';
  box.hidden = !message;
}

/** Fills the model list from /api/models, choosing the one named in the address if any. */
async function loadModels(wanted) {
  const select = field('model');
  try {
    const list = await apiGet('/api/models');
    for (const m of list.models) select.appendChild(new Option(m.name, m.id));
    if (wanted && [...select.options].some(o => o.value === wanted)) select.value = wanted;
  } catch (e) {
    showModelError(e.message);
  }
}

/**
 * Sets an image's source and resolves once it is drawn (or failed). A load superseded by a newer
 * one for the same image counts as finished, so the page still settles.
 */
function load(img, url) {
  return new Promise(resolve => {
    if (img.getAttribute('src') === url && img.complete) {
      resolve();
      return;
    }
    if (img.pending) img.pending();
    activity.requests++;
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      if (img.pending === done) img.pending = null;
      activity.requests--;
      resolve();
    };
    img.pending = done;
    img.onload = done;
    img.onerror = done;
    img.src = url;
  });
}

function syncExample(index) {
  const select = field('example');
  const match = [...select.options].find(o => o.value === String(index));
  select.value = match ? match.value : '';
}

function stop() {
  if (playing) {
    clearInterval(playing);
    playing = null;
    field('play').textContent = 'Play';
  }
}

function play() {
  if (playing) {
    stop();
    return;
  }
  field('play').textContent = 'Pause';
  playing = setInterval(() => {
    const slider = field('position');
    slider.value = (parseInt(slider.value, 10) + 1) % 49;
    refresh();
  }, 450);
}

async function start() {
  const q = new URLSearchParams(location.search);
  for (const name of ['image', 'seed']) {
    if (q.has(name)) field(name).value = q.get(name);
  }
  if (q.has('position')) field('position').value = q.get('position');
  await loadModels(q.get('model'));
  try {
    catalogue = await apiGet('/api/images');
    const select = field('example');
    select.appendChild(new Option('by index \u2193', ''));
    for (const e of catalogue.examples) select.appendChild(new Option(e.name + ' (#' + e.index + ')', String(e.index)));
    field('image').title = '0 to ' + (catalogue.size - 1);
  } catch (e) {
    showError(e.message);
  }
  field('example').addEventListener('change', () => {
    if (field('example').value !== '') {
      field('image').value = field('example').value;
      refresh();
    }
  });
  const later = debounce(refresh, 300);
  field('image').addEventListener('input', later);
  field('seed').addEventListener('input', later);
  field('position').addEventListener('input', refresh);
  field('play').addEventListener('click', play);
  field('model').addEventListener('change', refresh);
  refresh();
}

document.addEventListener('DOMContentLoaded', start);
