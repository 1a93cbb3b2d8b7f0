// Progressive enhancement only: every page works without this file.
// - A refused action re-renders its page at the action's message (the form posts to #<anchor>): the
//   message, or the field it names, gets focus, so keyboard and screen-reader users start there.
// - A form marked data-warn-unsaved asks before the page is left with changes not yet sent.
// - A form marked data-keep-draft keeps what is typed in this browser (localStorage) until it is sent,
//   and offers it back when the page is opened again without it (a closed tab, a lost connection).
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  function focusProblem() {
    if (!document.querySelector('[data-problem-summary]') || window.location.hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!target) return;
    if (!target.hasAttribute('tabindex') && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(target.tagName)) {
      target.setAttribute('tabindex', '-1');
    }
    target.focus();
  }

  // Everything a person types, by field name; hidden fields (the CSRF token, the revision) and files are not theirs to lose.
  function valuesOf(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === 'hidden' || el.type === 'file' || el.type === 'submit' || el.type === 'button') return;
      var list = values[el.name] || (values[el.name] = []);
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.checked) list.push(el.value);
      } else if (el.tagName === 'SELECT' && el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { list.push(o.value); });
      } else {
        list.push(el.value);
      }
    });
    return values;
  }

  function fill(form, values) {
    var seen = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !Object.prototype.hasOwnProperty.call(values, el.name)) return;
      if (el.type === 'hidden' || el.type === 'file' || el.type === 'submit' || el.type === 'button') return;
      var list = values[el.name];
      if (el.type === 'checkbox' || el.type === 'radio') {
        el.checked = list.indexOf(el.value) !== -1;
      } else if (el.tagName === 'SELECT' && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = list.indexOf(o.value) !== -1; });
      } else {
        var i = seen[el.name] || 0;
        if (i < list.length) el.value = list[i];
        seen[el.name] = i + 1;
      }
      el.dispatchEvent(new window.Event('change', { bubbles: true }));
    });
  }

  var same = function (a, b) { return JSON.stringify(a) === JSON.stringify(b); };

  function storage() {
    try {
      return window.localStorage;
    } catch {
      return null; // Storage refused (private mode, a policy): the form still works, only without a kept draft.
    }
  }

  function keepDraft(form) {
    var store = storage();
    if (!store) return null;
    var key = 'decode-draft:' + window.location.pathname;
    var initial = valuesOf(form);
    var timer = null;
    var offer = form.parentNode.querySelector('[data-draft-offer]');
    var kept = null;
    try {
      kept = JSON.parse(store.getItem(key) || 'null');
    } catch {
      kept = null;
    }
    if (kept && kept.values && !same(kept.values, initial) && offer) {
      var text = offer.querySelector('[data-draft-text]');
      var when = new Date(kept.savedAt);
      text.textContent = text.getAttribute('data-template').replace('{time}', when.toLocaleString(document.documentElement.lang));
      offer.hidden = false;
      offer.querySelector('[data-draft-restore]').addEventListener('click', function () {
        fill(form, kept.values);
        offer.hidden = true;
        form.dispatchEvent(new window.Event('input', { bubbles: true }));
      });
      offer.querySelector('[data-draft-discard]').addEventListener('click', function () {
        store.removeItem(key);
        offer.hidden = true;
      });
    } else if (kept) {
      store.removeItem(key);
    }
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var now = valuesOf(form);
        try {
          if (same(now, initial)) store.removeItem(key);
          else store.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), values: now }));
        } catch {
          // A full storage only means no kept draft.
        }
      }, 400);
    });
    return function forget() {
      clearTimeout(timer);
      store.removeItem(key);
    };
  }

  // Chosen files are lost too when the page is left (they are never kept as a draft).
  function filesChosen(form) {
    return Array.prototype.some.call(form.querySelectorAll('input[type="file"]'), function (el) {
      return el.files && el.files.length > 0;
    });
  }

  function warnUnsaved(form, forget) {
    var initial = valuesOf(form);
    var sending = false;
    form.addEventListener('submit', function () {
      sending = true;
      if (forget) forget();
    });
    window.addEventListener('beforeunload', function (event) {
      if (sending || (same(valuesOf(form), initial) && !filesChosen(form))) return;
      event.preventDefault();
      event.returnValue = ''; // Browsers show their own wording; this only asks them to ask.
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    focusProblem();
    Array.prototype.forEach.call(document.querySelectorAll('form[data-warn-unsaved]'), function (form) {
      var forget = form.hasAttribute('data-keep-draft') ? keepDraft(form) : null;
      warnUnsaved(form, forget);
    });
  });
})();
