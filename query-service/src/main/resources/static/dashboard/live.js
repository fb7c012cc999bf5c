// Live updates: one WebSocket to notifier-service's /ws/events (filtered to the application shown), reopened with
// a growing pause when it drops. Each frame {"type", "event"} calls back; the page re-reads what it shows. While
// the stream is down, the page is re-read every POLL_MS instead, so that it is never stale for long.

import { eventsUrl } from './api.js';

let socket = null;
let wanted = null;
let retry = 0;
let timer = null;
let listener = () => {};
let poll = null;
let received = 0;

const POLL_MS = 15000;

const indicator = () => document.getElementById('live');

function show(text, state) {
  const element = indicator();
  element.hidden = false;
  element.textContent = text;
  element.dataset.state = state;
}

/** Follows the events of `app` (null: all applications); the previous stream is closed. */
export function follow(app, onEvent) {
  listener = onEvent;
  if (wanted === (app ?? '')) return;
  stop();
  wanted = app ?? '';
  open();
}

export function stop() {
  wanted = null;
  clearTimeout(timer);
  clearInterval(poll);
  poll = null;
  if (socket) {
    socket.onclose = null;
    socket.close();
    socket = null;
  }
  indicator().hidden = true;
}

function open() {
  const target = wanted;
  const current = new WebSocket(eventsUrl(target));
  socket = current;
  show('Connecting…', 'connecting');
  current.onopen = () => {
    retry = 0;
    clearInterval(poll);
    poll = null;
    show('Live', 'open');
  };
  current.onmessage = (message) => {
    let frame;
    try {
      frame = JSON.parse(message.data);
    } catch {
      return; // not a frame we know
    }
    received += 1;
    indicator().dataset.events = String(received);
    indicator().title = `${received} events received since the page was opened`;
    listener(frame);
  };
  current.onclose = () => {
    if (socket !== current || wanted !== target) return;
    socket = null;
    const pause = Math.min(10000, 1000 * 2 ** retry++);
    show(`Not live: reconnecting in ${Math.round(pause / 1000)} s`, 'closed');
    poll ??= setInterval(() => listener(null), POLL_MS);
    timer = setTimeout(() => wanted === target && open(), pause);
  };
}
