// Live updates: one WebSocket to notifier-service's /ws/events (filtered to the application shown), reopened with
// a growing pause when it drops. Each frame {"type", "event"} calls back; the page re-reads what it shows.

import { eventsUrl } from './api.js';

let socket = null;
let wanted = null;
let retry = 0;
let timer = null;
let listener = () => {};

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
  if (socket && wanted === (app ?? '')) return;
  stop();
  wanted = app ?? '';
  open();
}

export function stop() {
  wanted = null;
  clearTimeout(timer);
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
    show('Live', 'open');
  };
  current.onmessage = (message) => {
    try {
      listener(JSON.parse(message.data));
    } catch {
      // not a frame we know: ignore it
    }
  };
  current.onclose = () => {
    if (socket !== current || wanted !== target) return;
    socket = null;
    const pause = Math.min(10000, 1000 * 2 ** retry++);
    show(`Not live: reconnecting in ${Math.round(pause / 1000)} s`, 'closed');
    timer = setTimeout(() => wanted === target && open(), pause);
  };
}
