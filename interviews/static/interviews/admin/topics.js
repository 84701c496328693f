/*
 * Topic fields (Wagtail's tag widget: jQuery tag-it with a jQuery UI autocomplete).
 *
 * tag-it ignores Enter, Tab and comma while the suggestion list is open, leaving the
 * choice to the list; but with no suggestion highlighted, the list has nothing to choose,
 * the typed text stays in the box and the next word is glued onto it. Here a key that ends
 * a topic first closes the list, unless a suggestion is highlighted (then Enter and Tab
 * take that suggestion, as the list intends), so tag-it commits what was typed. Leaving
 * the field with the list open commits the text the same way.
 */
(function () {
  'use strict';

  function autocompleteOf(input) {
    if (!window.jQuery || !input.closest || !input.closest('ul.tagit')) return null;
    var instance = window.jQuery(input).autocomplete('instance');
    return instance || null;
  }

  function closeUnlessChoosing(event, keyChoosesHighlighted) {
    var input = event.target;
    var autocomplete = autocompleteOf(input);
    if (!autocomplete || input.value.trim() === '') return;
    if (!autocomplete.menu.element.is(':visible')) return;
    if (keyChoosesHighlighted && autocomplete.menu.active) return;
    autocomplete.close(event);
  }

  document.addEventListener(
    'keydown',
    function (event) {
      if (event.key === 'Enter' || event.key === 'Tab') closeUnlessChoosing(event, true);
      else if (event.key === ',') closeUnlessChoosing(event, false);
    },
    true,
  );
  document.addEventListener(
    'blur',
    function (event) {
      closeUnlessChoosing(event, false);
    },
    true,
  );
})();
