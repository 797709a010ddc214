/*
 * A console page's change notices, shared by the agent and the admin console. The page's state.js declares the
 * parts of its state that are shown (the topics); a module that changes one says so (changed('queue')), and the
 * renderers that show it subscribe to it (subscribe('queue', renderQueue)). So no module imports another to
 * redraw it, and the modules' imports form no cycle (test/bot/web/browserModuleImports.test.ts keeps it so).
 * Listeners run at once, in the order they subscribed; a topic the page did not declare is a mistake (thrown).
 */

/** `topics`: { name: what it stands for } (the page's list, written once in its state.js). */
export function createStore(topics) {
  var listeners = {};
  Object.keys(topics).forEach(function (topic) { listeners[topic] = []; });

  function of(topic) {
    if (!listeners[topic]) throw new Error('no such topic: ' + topic);
    return listeners[topic];
  }

  return {
    /** Calls `listener(detail)` whenever `topic` changes. */
    subscribe: function (topic, listener) { of(topic).push(listener); },
    /** Says that `topic` changed: every listener of it runs now. */
    changed: function (topic, detail) {
      of(topic).slice().forEach(function (listener) { listener(detail); });
    },
  };
}
