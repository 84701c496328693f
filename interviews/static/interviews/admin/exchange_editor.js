/*
 * Exchanges move with the keyboard: Alt+ArrowUp and Alt+ArrowDown, from anywhere inside
 * an exchange (or any other block) of the interview body, press the block's own "Move
 * up" / "Move down" button, keep the focus where it was, and say where the block now
 * stands in a live region for screen readers. The messages come translated from
 * interviews/wagtail_hooks.py on the script element's data attributes.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var messages = script ? script.dataset : {};
  var live = null;

  function announce(text) {
    if (!live) {
      live = document.createElement('div');
      live.className = 'w-sr-only';
      live.setAttribute('role', 'status');
      live.setAttribute('aria-live', 'polite');
      live.setAttribute('data-exchange-announcer', '');
      document.body.appendChild(live);
    }
    // A fresh text node, so the same message twice is read twice.
    live.textContent = '';
    window.setTimeout(function () {
      live.textContent = text;
    }, 50);
  }

  function bodyBlockOf(element) {
    // The outermost block of the body stream: an answer inside an exchange moves the exchange.
    var block = null;
    var node = element.closest ? element.closest('[data-streamfield-child]') : null;
    while (node) {
      block = node;
      node = node.parentElement && node.parentElement.closest('[data-streamfield-child]');
    }
    if (!block || !block.closest("[data-contentpath='body']")) return null;
    return block;
  }

  function moveButtonOf(block, action) {
    return block.querySelector(
      ':scope > section > .w-panel__header [data-streamfield-action="' + action + '"]',
    );
  }

  function positionOf(block) {
    var siblings = Array.prototype.filter.call(block.parentElement.children, function (child) {
      return child.hasAttribute('data-streamfield-child');
    });
    return { position: siblings.indexOf(block) + 1, count: siblings.length };
  }

  function format(template, place) {
    return (template || '')
      .replace('{position}', String(place.position))
      .replace('{count}', String(place.count));
  }

  document.addEventListener('keydown', function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var up = event.key === 'ArrowUp';
    if (!up && event.key !== 'ArrowDown') return;
    var block = bodyBlockOf(event.target);
    if (!block) return;
    event.preventDefault();
    var button = moveButtonOf(block, up ? 'MOVE_UP' : 'MOVE_DOWN');
    if (!button || button.disabled) {
      announce(up ? messages.alreadyFirst : messages.alreadyLast);
      return;
    }
    var focused = document.activeElement;
    button.click();
    // Wagtail moves the block's element; a focused field inside it loses focus on the move.
    if (focused && focused !== document.activeElement && document.contains(focused)) {
      focused.focus({ preventScroll: true });
    }
    block.scrollIntoView({ block: 'nearest' });
    announce(format(up ? messages.movedUp : messages.movedDown, positionOf(block)));
  });

  // Screen readers announce a focused move button's shortcut (buttons come and go with blocks).
  var SHORTCUTS = { MOVE_UP: 'Alt+ArrowUp', MOVE_DOWN: 'Alt+ArrowDown' };
  document.addEventListener('focusin', function (event) {
    var action = event.target.getAttribute && event.target.getAttribute('data-streamfield-action');
    if (SHORTCUTS[action]) event.target.setAttribute('aria-keyshortcuts', SHORTCUTS[action]);
  });

  // The bench (bench/bench_editor.py) waits for this before it calls the editor usable.
  document.documentElement.setAttribute('data-exchange-editor-ready', '');
})();
