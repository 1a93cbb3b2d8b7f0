// Progressive enhancement for the practice pages; without it every form still works.
// - The error summary of a refused form gets focus, so keyboard and screen-reader users land on it.
// - A link to a field (error summary, "still missing") focuses its control, even for a group of
//   checkboxes (a fieldset cannot take focus), and shows the field's label or legend with it.
// - The "another European city" fields are shown only when that option is chosen.
(function () {
  'use strict';
  function controlIn(target) {
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return target;
    return target.querySelector('input:not([type="hidden"]), select, textarea');
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (!link || link.hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    var form = target && target.closest('.practice-form');
    var control = form && controlIn(target);
    if (!control) return;
    event.preventDefault();
    var caption =
      target === control ? form.querySelector('label[for="' + control.id + '"]') : target.querySelector('legend');
    (caption || control).scrollIntoView();
    control.focus({ preventScroll: true });
  });

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
