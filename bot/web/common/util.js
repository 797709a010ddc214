/*
 * Small helpers shared by the console pages (the agent and the admin console): DOM, times, ids. Server text
 * only ever goes into the page through make()'s textContent, never as HTML, so it needs no escaping.
 */

export function $(id) { return document.getElementById(id); }

export function make(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function pad2(n) { return n < 10 ? '0' + n : String(n); }

/** A time of the API (epoch seconds or ms, or an ISO string) as a Date; null when there is none or it is invalid. */
export function toDate(at) {
  if (at === undefined || at === null || at === '') return null;
  var d = new Date(typeof at === 'number' && at < 1e12 ? at * 1000 : at);
  return isNaN(d.getTime()) ? null : d;
}

export function sameId(a, b) { return a !== undefined && a !== null && b !== undefined && b !== null && String(a) === String(b); }
