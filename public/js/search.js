// Search as you type on /search. Progressive enhancement only: without this file the page is a GET
// form and plain links. The server renders the results region (`partial=1`), so there is one renderer.
(function () {
  'use strict';
  var form = document.querySelector('[data-search-form]');
  var region = document.querySelector('[data-search-region]');
  if (!form || !region || !window.fetch || !window.AbortController || !window.history || !window.history.pushState)
    return;
  var input = form.querySelector('input[name="q"]');
  var DEBOUNCE_MS = 250;
  // A pause this long, leaving the box or pressing Enter ends a burst of typing.
  var BURST_IDLE_MS = 1500;
  var timer = null;
  var burstTimer = null;
  var controller = null;
  var pendingMode = null;
  // A burst of typing is one history entry: the first request pushes, the following ones replace.
  var typing = false;

  function endBurst() {
    clearTimeout(burstTimer);
    typing = false;
  }

  // The whole state is the form: the query box plus the controls and hidden filters in the region
  // (associated through form="search-form"). Empty fields and the default sort stay out of the URL.
  function urlFromForm() {
    var params = new URLSearchParams();
    new window.FormData(form).forEach(function (value, name) {
      if (typeof value !== 'string' || value === '') return;
      if (name === 'sort' && value === 'relevance') return;
      params.append(name, value);
    });
    var query = params.toString();
    return '/search' + (query ? '?' + query : '');
  }

  function fragmentUrl(url) {
    var target = new URL(url, window.location.href);
    target.searchParams.set('partial', '1');
    return target.pathname + target.search;
  }

  function load(url, mode, focusResults) {
    // A slow answer to the burst's first request (the one that adds the history entry) may be overtaken
    // by the next keystroke's: the entry must still be added, by whichever answer is shown.
    if (controller) {
      controller.abort();
      if (pendingMode === 'push' && mode === 'replace') mode = 'push';
    }
    pendingMode = mode;
    var mine = new AbortController();
    controller = mine;
    region.setAttribute('aria-busy', 'true');
    fetch(fragmentUrl(url), { signal: mine.signal, credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (res) {
        // Refused searches (400) and an unavailable engine (503) answer with the region too; a redirect
        // (to sign in) or any other status is left to an ordinary page load.
        if (res.redirected || (!res.ok && res.status !== 400 && res.status !== 503))
          throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (html) {
        if (controller !== mine) return;
        pendingMode = null;
        // The region's controls are replaced: keep keyboard focus on the same control (the sort select…).
        var active = document.activeElement;
        var focusedId = active && active.id && region.contains(active) ? active.id : null;
        // Filters opened on a phone stay open while one chooses several of them.
        var filters = region.querySelector('[data-filters]');
        var filtersOpen = Boolean(filters && filters.open);
        region.innerHTML = html;
        var newFilters = region.querySelector('[data-filters]');
        if (newFilters && filtersOpen) newFilters.open = true;
        region.removeAttribute('aria-busy');
        if (focusedId) {
          var again = document.getElementById(focusedId);
          if (again) again.focus();
        }
        // Asking again for what is shown (Enter after typing) must not add a second, identical entry.
        if (mode === 'push' && url === window.location.pathname + window.location.search) mode = 'replace';
        if (mode === 'push') window.history.pushState({ search: url }, '', url);
        else if (mode === 'replace') window.history.replaceState({ search: url }, '', url);
        if (focusResults) {
          var status = region.querySelector('[role="status"]');
          if (status) status.focus();
        }
      })
      .catch(function (err) {
        if (err && err.name === 'AbortError') return;
        // Anything unexpected: let the server render the page the ordinary way.
        window.location.assign(url);
      });
  }

  function queryOf(url) {
    return new URL(url, window.location.href).searchParams.get('q') || '';
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    clearTimeout(burstTimer);
    timer = setTimeout(function () {
      load(urlFromForm(), typing ? 'replace' : 'push', false);
      typing = true;
      burstTimer = setTimeout(endBurst, BURST_IDLE_MS);
    }, DEBOUNCE_MS);
  });

  input.addEventListener('blur', function () {
    if (typing) endBurst();
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    endBurst();
    load(urlFromForm(), 'push', false);
  });

  // Sort, period and "ongoing" live in the region but belong to the form.
  document.addEventListener('change', function (event) {
    var control = event.target;
    if (!control || control.form !== form || control === input) return;
    clearTimeout(timer);
    endBurst();
    load(urlFromForm(), 'push', false);
  });

  // Facets, chips, suggestions and pages are links to whole search URLs.
  region.addEventListener('click', function (event) {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    var link = event.target.closest ? event.target.closest('a[href]') : null;
    if (!link) return;
    var target = new URL(link.href, window.location.href);
    if (target.origin !== window.location.origin || target.pathname !== '/search') return;
    event.preventDefault();
    clearTimeout(timer);
    endBurst();
    var url = target.pathname + target.search;
    input.value = queryOf(url);
    load(url, 'push', true);
  });

  // Back and forward: show the results of that URL again.
  window.addEventListener('popstate', function () {
    if (window.location.pathname !== '/search') return;
    clearTimeout(timer);
    endBurst();
    var url = window.location.pathname + window.location.search;
    input.value = queryOf(url);
    load(url, 'none', false);
  });
})();
