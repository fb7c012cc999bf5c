// Small DOM helpers: every text goes through textContent, never innerHTML.

/** h('p.note', {title: 'x'}, 'text', child) builds an element; class names after dots, attributes, children. */
export function h(tag, attributes, ...children) {
  const [name, ...classes] = tag.split('.');
  const element = document.createElement(name);
  if (classes.length) element.className = classes.join(' ');
  let rest = children;
  if (attributes instanceof Node || typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    rest = [attributes, ...children];
  } else {
    for (const [key, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
      else if (key === 'dataset') Object.assign(element.dataset, value);
      else element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, rest);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A <time> saying how long ago (or how soon) an instant is, with the exact time as its title. */
export function when(instant) {
  if (!instant) return '—';
  const date = new Date(instant);
  return h('time', { datetime: instant, title: date.toLocaleString() }, relative(date));
}

export function relative(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const past = seconds <= 0;
  const abs = Math.abs(seconds);
  const [value, unit] = abs < 60 ? [abs, 's'] : abs < 3600 ? [Math.round(abs / 60), 'min'] : abs < 172800
    ? [Math.round(abs / 3600), 'h'] : [Math.round(abs / 86400), 'd'];
  if (abs < 5) return 'just now';
  return past ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

/** A status badge: colour and text (never colour alone). */
export function badge(status, kind = 'status') {
  const text = status ?? 'NOT DEPLOYED';
  return h(`span.badge.${kind}-${text.toLowerCase().replace(/[^a-z]+/g, '-')}`, { dataset: { status: text } }, text);
}

export function link(href, text, attributes = {}) {
  return h('a', { href, ...attributes }, text);
}

export function path(...parts) {
  return parts.map(encodeURIComponent).join('/');
}

/** A definition list from [term, description] pairs, skipping empty descriptions. */
export function facts(pairs) {
  return h('dl.facts', pairs.filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([term, value]) => [h('dt', term), h('dd', value)]));
}
