// Progressive enhancement for the practice pages; without it every form still works.
// - The error summary of a refused form gets focus, so keyboard and screen-reader users land on it.
// - The "another European city" fields are shown only when that option is chosen.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();

    var city = document.getElementById('city');
    var other = document.querySelector('[data-other-city]');
    if (city && other) {
      var sync = function () {
        other.hidden = city.value !== 'other';
      };
      city.addEventListener('change', sync);
      sync();
    }
  });
})();
