// The print view's button: shown only where it works (with scripts), it opens the browser's print dialog.
(function () {
  'use strict';
  var button = document.querySelector('[data-print]');
  if (!button) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    window.print();
  });
})();
