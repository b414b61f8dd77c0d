// convlab explorer: helpers shared by the pages (no framework, no build step).
'use strict';

/** GETs a JSON endpoint; resolves to the object or rejects with the server's one-line message. */
async function apiGet(path, params) {
  const query = params ? '?' + new URLSearchParams(params).toString() : '';
  activity.requests++;
  try {
    let response;
    try {
      response = await fetch(path + query, { headers: { Accept: 'application/json' } });
    } catch (e) {
      throw new Error('the convlab server does not answer (is ./convlab serve still running?)');
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      throw new Error(body && body.error ? body.error : 'HTTP ' + response.status);
    }
    return body;
  } finally {
    // counted down after the caller's continuation has run (it may draw or fetch images)
    setTimeout(() => activity.requests--, 0);
  }
}

/** Shows a one-line message in the page's error box, or hides the box for null. */
function showError(message) {
  const box = document.getElementById('error');
  if (!box) return;
  if (message) {
    box.textContent = message;
    box.hidden = false;
  } else {
    box.textContent = '';
    box.hidden = true;
  }
}

/**
 * Appends text to a node with the indices of names as subscripts: k1x1 becomes k<sub>1</sub>x<sub>1</sub>,
 * k[1,2] becomes k<sub>1,2</sub>. The node's title keeps the plain text.
 */
function appendNamed(node, text) {
  const re = /([kxy])(?:\[([0-9,]+)\]|([0-9]+))/g;
  let last = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m.index > last) node.appendChild(document.createTextNode(text.slice(last, m.index)));
    node.appendChild(document.createTextNode(m[1]));
    const sub = document.createElement('sub');
    sub.textContent = m[2] !== undefined ? m[2] : m[3];
    node.appendChild(sub);
    last = re.lastIndex;
  }
  if (last < text.length) node.appendChild(document.createTextNode(text.slice(last)));
  return node;
}

/** A new element with a class and optional text. */
function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

/** Requests in flight and typing pauses being waited for: the page is settled when both are zero. */
const activity = { requests: 0, waiting: 0 };

/** Whether the page has finished reacting to the last change (tests wait for this). */
function settled() {
  return activity.requests === 0 && activity.waiting === 0;
}

/** Calls fn once typing has paused for wait milliseconds. */
function debounce(fn, wait) {
  let timer = null;
  return (...args) => {
    if (timer === null) activity.waiting++;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      activity.waiting--;
      fn(...args);
    }, wait);
  };
}
