// convlab explorer, convolution page: asks /api/conv and draws the answer.
'use strict';

const FIELDS = ['input', 'channels', 'filters', 'groups', 'kernel', 'stride', 'padding', 'dilation', 'mode', 'same',
  'weights'];
const DEFAULTS = {
  input: '9', channels: '1', filters: '1', groups: '1', kernel: '3', stride: '1', padding: 'valid', dilation: '1',
  mode: 'zeros', same: 'torch', weights: 'shared',
};

let data = null;   // the last answer of /api/conv
let selected = 0;  // the selected output row (0-based)
let shown = -1;    // the row currently drawn (selected, or hovered)
let requestId = 0;

function field(name) {
  return document.getElementById(name);
}

/** The form's values that differ from the defaults. */
function formParams() {
  const p = {};
  for (const name of FIELDS) {
    const v = field(name).value.trim();
    if (v !== DEFAULTS[name]) p[name] = v;
  }
  return p;
}

function setForm(values) {
  for (const name of FIELDS) {
    const v = values[name] !== undefined ? values[name] : DEFAULTS[name];
    const f = field(name);
    if (f.tagName === 'SELECT' && ![...f.options].some(o => o.value === v)) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = v;
      f.appendChild(o);
    }
    f.value = v;
  }
}

function readUrl() {
  const q = new URLSearchParams(location.search);
  const values = {};
  for (const name of FIELDS) {
    if (q.has(name)) values[name] = q.get(name);
  }
  setForm(values);
  const s = parseInt(q.get('select') || '0', 10);
  selected = Number.isFinite(s) && s >= 0 ? s : 0;
}

function writeUrl() {
  const p = formParams();
  if (selected > 0) p.select = String(selected);
  const query = new URLSearchParams(p).toString();
  history.replaceState(null, '', query ? '?' + query : location.pathname);
}

async function refresh() {
  const id = ++requestId;
  const results = document.getElementById('results');
  results.classList.add('stale');
  try {
    const d = await apiGet('/api/conv', formParams());
    if (id !== requestId) return;
    data = d;
    if (selected >= d.rows) selected = 0;
    showError(null);
    render();
    results.classList.remove('stale');
    writeUrl();
  } catch (e) {
    if (id !== requestId) return;
    showError(e.message);
  }
}

function render() {
  const planes = data.channels > 1 || data.filters > 1;
  field('out-size').textContent = (planes ? [data.filters, ...data.output] : data.output).join(' x ');
  field('formulas').textContent = data.formulas.join('\n');
  const notes = field('notes');
  notes.replaceChildren();
  for (const line of data.resolved_padding) notes.appendChild(el('li', null, "'" + data.padding + "' pads " + line));
  for (const line of data.unread) notes.appendChild(el('li', null, line));
  const u = data.cost.unshared;
  field('k-shape').textContent = '\u2014 ' + data.rows + ' x ' + data.cols + ', ' + (data.unshared
      ? 'unshared: ' + u.weights_all_windows_x_taps + ' weights, all windows x taps; '
        + u.weights_touching_real_inputs + ' weights touching real inputs'
      : data.weight_count + ' weight' + (data.weight_count === 1 ? '' : 's'));
  field('names').textContent = data.names;
  field('k-blocks').textContent = blockText();
  drawMatrix();
  drawInput();
  drawOutput();
  drawCost();
  shown = -1;
  show(selected, true);
}

/** K's block structure in words: one block per filter and input channel. */
function blockText() {
  if (data.channels === 1 && data.filters === 1) return '';
  let s = 'K is ' + data.filters + ' x ' + data.channels + ' blocks of ' + data.block_rows + ' x ' + data.block_cols
      + ': block (o, c) holds filter o\u2019s weights on input channel c (lines separate the blocks).';
  if (data.groups > 1) {
    s += ' With ' + data.groups + ' groups each filter sees ' + data.channels_per_group + ' of the '
        + data.channels + ' channels, so K is block-diagonal: the shaded blocks are zero.';
  }
  return s;
}

/** Whether K's block of filter o and input channel c is outside the filter's group (always zero). */
function offGroup(o, c) {
  const filtersPerGroup = data.filters / data.groups;
  return Math.floor(o / filtersPerGroup) !== Math.floor(c / data.channels_per_group);
}

function drawMatrix() {
  const table = field('matrix');
  const head = el('thead');
  const hr = el('tr');
  hr.appendChild(el('th'));
  const bc = data.block_cols;
  const br = data.block_rows;
  data.col_labels.forEach((label, c) => {
    const th = appendNamed(el('th'), label);
    th.dataset.col = c;
    if (c > 0 && c % bc === 0) th.classList.add('bl');
    hr.appendChild(th);
  });
  head.appendChild(hr);
  const body = el('tbody');
  data.matrix.forEach((entries, r) => {
    const tr = el('tr');
    tr.dataset.row = r;
    if (r > 0 && r % br === 0) tr.classList.add('bt');
    tr.appendChild(appendNamed(el('th'), data.elements[r].name));
    const cells = new Array(data.cols).fill(null);
    for (const [col, text] of entries) cells[col] = text;
    const o = Math.floor(r / br);
    cells.forEach((text, c) => {
      const td = text === null ? el('td', 'z', '0') : appendNamed(el('td', 'w'), text);
      if (c > 0 && c % bc === 0) td.classList.add('bl');
      if (data.groups > 1 && offGroup(o, Math.floor(c / bc))) td.classList.add('off');
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
  // mousedown, not click: a click whose press and release land on different nodes (the table was
  // redrawn in between) would go to their common ancestor and be lost
  body.addEventListener('mousedown', e => {
    const tr = e.target.closest('tr');
    if (tr) select(parseInt(tr.dataset.row, 10));
  });
  table.replaceChildren(head, body);
}

/** Whether input position i (0-based) of axis a is never read. */
function unread(a, i) {
  return data.unread_ranges[a].some(([lo, hi]) => i >= lo && i <= hi);
}

/** The input's name at in-range position p (per axis, 0-based). */
function inputName(p, ch) {
  if (data.channels > 1) return 'x[' + [ch, ...p].map(v => v + 1).join(',') + ']';
  return data.dims === 1 ? 'x' + (p[0] + 1) : 'x[' + p.map(v => v + 1).join(',') + ']';
}

/** A titled plane of cells for the input or output grids. */
function plane(title, cols, small, cells) {
  const fig = el('div', 'plane');
  if (title) fig.appendChild(el('div', 'plane-title', title));
  const grid = el('div', 'grid');
  grid.style.gridTemplateColumns = 'repeat(' + cols + ', var(--cell))';
  grid.classList.toggle('small', small);
  grid.replaceChildren(...cells);
  fig.appendChild(grid);
  return fig;
}

function drawInput() {
  const container = field('input-grid');
  const planes = [];
  for (let ch = 0; ch < data.channels; ch++) {
    const p = inputPlane(ch);
    p.dataset.channel = ch;
    planes.push(p);
  }
  container.replaceChildren(...planes);
  const span = data.input.map((n, a) => data.pad_before[a] + n + data.pad_after[a]);
  field('input-caption').textContent = 'input x, ' + (data.channels > 1 ? data.channels + ' x ' : '')
      + data.input.join(' x ')
      + (span.some((s, a) => s !== data.input[a]) ? ' (dashed: padding, ' + data.padding_mode + ')' : '');
}

/** The padded input plane of channel ch. */
function inputPlane(ch) {
  const dims = data.dims;
  const axes = [...Array(dims).keys()];
  const span = axes.map(a => data.pad_before[a] + data.input[a] + data.pad_after[a]);
  const rows = dims === 1 ? 1 : span[0];
  const cols = span[dims - 1];
  const cells = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const padded = dims === 1 ? [c] : [r, c];
      const p = padded.map((v, a) => v - data.pad_before[a]);
      const inside = p.every((v, a) => v >= 0 && v < data.input[a]);
      const cell = el('div', 'c');
      cell.dataset.pos = p.join(',');
      if (inside) {
        cell.classList.add('in');
        if (p.some((v, a) => unread(a, v))) cell.classList.add('unread');
        appendNamed(cell, inputName(p, ch));
        cell.title = inputName(p, ch) + (cell.classList.contains('unread') ? ' (never read)' : '');
      } else {
        cell.classList.add('pad');
        const source = p.map((v, a) => data.pad_sources[a][v + data.pad_before[a]]);
        if (source.every(s => s >= 0)) {
          appendNamed(cell, inputName(source, ch));
          cell.title = 'padding: a copy of ' + inputName(source, ch) + ' (' + data.padding_mode + ')';
        } else {
          cell.textContent = '0';
          cell.title = 'padding: zero';
        }
      }
      cells.push(cell);
    }
  }
  const title = data.channels > 1 ? 'channel ' + (ch + 1) : '';
  return plane(title, cols, dims === 2 && Math.max(rows, cols) > 9, cells);
}

function drawOutput() {
  const grid = field('output-grid');
  const dims = data.dims;
  const cols = data.output[dims - 1];
  const small = dims === 2 && Math.max(...data.output) > 9;
  const planes = [];
  for (let o = 0; o < data.filters; o++) {
    const cells = [];
    for (let r = o * data.block_rows; r < (o + 1) * data.block_rows; r++) {
      const e = data.elements[r];
      const cell = appendNamed(el('div', 'c out'), e.name);
      cell.dataset.row = r;
      cell.title = e.name + ' = ' + e.expression;
      cells.push(cell);
    }
    const p = plane(data.filters > 1 ? 'filter ' + (o + 1) : '', cols, small, cells);
    p.dataset.filter = o;
    planes.push(p);
  }
  grid.replaceChildren(...planes);
  grid.onmousedown = e => {
    const c = e.target.closest('.c');
    if (c) select(parseInt(c.dataset.row, 10));
  };
  grid.onmouseover = e => {
    const c = e.target.closest('.c');
    if (c) show(parseInt(c.dataset.row, 10), false);
  };
  grid.onmouseleave = () => show(selected, false);
}

function select(r) {
  selected = r;
  show(r, true);
  writeUrl();
}

/** Highlights output row r everywhere: its expression, its row of K, its window on the input. */
function show(r, scroll) {
  if (!data || r === shown || r < 0 || r >= data.rows) return;
  shown = r;
  const e = data.elements[r];
  const box = field('expression');
  box.replaceChildren();
  box.dataset.text = e.name + ' = ' + e.expression;
  box.classList.toggle('long', box.dataset.text.length > 64);
  appendNamed(box, e.name + ' = ' + e.expression);
  const more = el('span', 'combined');
  if (e.combined) appendNamed(more, '= ' + e.combined);
  box.appendChild(more);
  const table = field('matrix');
  for (const tr of table.querySelectorAll('tbody tr.selected')) tr.classList.remove('selected');
  const row = table.querySelector('tbody tr[data-row="' + r + '"]');
  row.classList.add('selected');
  const reads = new Set(e.reads.filter(c => c >= 0));
  for (const th of table.querySelectorAll('thead th[data-col]')) {
    th.classList.toggle('read', reads.has(parseInt(th.dataset.col, 10)));
  }
  if (scroll) {
    const wrap = table.parentElement;
    const top = row.offsetTop - wrap.clientHeight / 2;
    if (row.offsetTop < wrap.scrollTop + 30 || row.offsetTop > wrap.scrollTop + wrap.clientHeight - 30) {
      wrap.scrollTop = Math.max(0, top);
    }
  }
  const input = field('input-grid');
  for (const c of input.querySelectorAll('.tap, .copy')) c.classList.remove('tap', 'copy');
  e.taps.forEach((p, t) => {
    const plane = input.querySelector('.plane[data-channel="' + e.tap_channels[t] + '"]');
    const cell = plane && plane.querySelector('[data-pos="' + p.join(',') + '"]');
    if (cell) cell.classList.add('tap');
  });
  // a tap on a reflected, replicated or circular copy also marks the input it copies
  const inputs = input.querySelectorAll('.c.in');
  e.taps.forEach((p, t) => {
    const inside = p.every((v, a) => v >= 0 && v < data.input[a]);
    const src = !inside && e.reads[t] >= 0 ? inputs[e.reads[t]] : null;
    if (src && !src.classList.contains('tap')) src.classList.add('copy');
  });
  for (const c of field('output-grid').querySelectorAll('.selected')) c.classList.remove('selected');
  field('output-grid').querySelector('[data-row="' + r + '"]').classList.add('selected');
}

function drawCost() {
  const c = data.cost;
  const kinds = [['shared', 'shared (convolution)'], ['unshared', 'unshared (locally connected)'], ['dense', 'dense (fully connected)']];
  const rows = [['weights', 'weights'], ['biases', 'biases'], ['parameters', 'parameters'], ['macs', 'multiply-adds']];
  const head = el('thead');
  const hr = el('tr');
  hr.appendChild(el('th', null, ''));
  for (const [, label] of kinds) hr.appendChild(el('th', null, label));
  head.appendChild(hr);
  const body = el('tbody');
  for (const [key, label] of rows) {
    const tr = el('tr');
    tr.appendChild(el('th', null, label));
    for (const [kind] of kinds) {
      const td = el('td', null, c[kind][key]);
      td.dataset.kind = kind;
      td.dataset.count = key;
      if (kind === 'unshared' && key === 'weights') {
        td.appendChild(el('small', null, 'all windows x taps; ' + c.unshared.weights_touching_real_inputs
            + ' weights touching real inputs (the weights of K)'));
      }
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  const foot = el('tr');
  const note = el('td', 'hint', c.inputs + ' inputs, ' + c.outputs + ' outputs, ' + c.taps_per_output
      + ' taps per output; multiply-adds without the bias; weight ratio, dense / conv: '
      + c.dense.weight_ratio_dense_to_conv + ' x; parameter ratio, dense / conv: '
      + c.dense.parameter_ratio_dense_to_conv + ' x');
  note.colSpan = 4;
  note.style.textAlign = 'left';
  foot.appendChild(note);
  body.appendChild(foot);
  field('cost').replaceChildren(head, body);
}

async function showLimits() {
  try {
    const info = await apiGet('/api/info');
    const l = info.limits;
    field('limits').textContent = 'Limits: 1-D inputs up to ' + l.input_1d + ', 2-D up to ' + l.input_2d + 'x'
        + l.input_2d + '; channels, filters and groups up to ' + l.channels + '; kernel and stride up to ' + l.kernel + ', dilation up to ' + l.dilation
        + ', padding up to ' + l.padding + '; K up to ' + l.matrix_entries.toLocaleString('en') + ' entries.';
  } catch (e) {
    // the limits are a hint only
  }
}

document.addEventListener('DOMContentLoaded', () => {
  readUrl();
  const later = debounce(refresh, 250);
  for (const name of FIELDS) {
    if (field(name).tagName === 'SELECT') {
      field(name).addEventListener('change', refresh);
    } else {
      field(name).addEventListener('input', later);
    }
  }
  for (const b of document.querySelectorAll('[data-preset]')) {
    b.addEventListener('click', () => {
      const values = Object.fromEntries(new URLSearchParams(b.dataset.preset));
      setForm(values);
      selected = 0;
      refresh();
    });
  }
  refresh();
  showLimits();
});
