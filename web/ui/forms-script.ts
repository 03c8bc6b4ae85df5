/**
 * The pages' one small script, served at /static/forms.js (CSP: scripts from 'self' only, none
 * inline). Every page works without it; with it:
 * - the error summary of a failed post takes the focus;
 * - what is typed into a post form is kept in sessionStorage (this tab only; never a password,
 *   a file or a hidden field, ticked boxes only with data-keep-choices; data-keep-off opts out), so a session that ended while typing loses nothing: after
 *   signing in again the same form is filled again and says so. A page reached with `?done=`
 *   (a successful post redirects there) clears what the form that was sent had kept;
 * - the "sign in again" link of the session-ended page comes back to the form's page;
 * - the registration form shows the questions of the chosen kind (a collective's or a person's);
 * - a scoring row shows its running total; buttons of what cannot be undone ask first (data-confirm);
 * - a yearly review that runs ([data-review-poll], the admin page) follows its JSON progress
 *   every few seconds until it is completed (without script: its refresh link);
 * - a running import ([data-import-poll], its page) moves its bar with GET /api/imports/{jobId}
 *   and reloads the page once it has ended, to show the result.
 */
export const FORMS_JS = `(function () {
  'use strict';
  var PREFIX = 'dvk:keep:';
  var LAST = 'dvk:keep-last';
  var store = null;
  try { store = window.sessionStorage; store.getItem(LAST); } catch (e) { store = null; }
  var query = new URLSearchParams(location.search);
  var SKIPPED = ['password', 'hidden', 'file', 'submit', 'button', 'reset', 'image'];

  // Ticked boxes are kept only where a form asks (data-keep-choices): a batch selection
  // restored unseen could be sent by mistake.
  function kept(el) {
    if (!el.name || SKIPPED.indexOf((el.type || '').toLowerCase()) >= 0) return false;
    return !(el.type === 'checkbox' || el.type === 'radio') || el.form.hasAttribute('data-keep-choices');
  }
  function hiddenValue(form, name) {
    var el = form.querySelector('input[type=hidden][name="' + name + '"]');
    return el ? el.value : '';
  }
  function keyOf(form, seen) {
    var base = (form.getAttribute('action') || location.pathname).split('#')[0] + '|' + hiddenValue(form, 'stage') + '|' + hiddenValue(form, 'outcome');
    seen[base] = (seen[base] || 0) + 1;
    return PREFIX + base + '|' + seen[base];
  }
  function pageOf() {
    var params = new URLSearchParams(location.search);
    params.delete('done');
    var rest = params.toString();
    return location.pathname + (rest ? '?' + rest : '');
  }
  function save(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!kept(el)) return;
      if (el.type === 'checkbox' || el.type === 'radio') {
        values[el.name] = values[el.name] || [];
        if (el.checked) values[el.name].push(el.value);
      } else values[el.name] = el.value;
    });
    store.setItem(form.dataset.keepKey, JSON.stringify({ page: pageOf(), values: values }));
  }
  function restore(form) {
    var raw = store.getItem(form.dataset.keepKey);
    if (!raw) return false;
    var values = (JSON.parse(raw) || {}).values || {};
    var changed = false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!kept(el) || !Object.prototype.hasOwnProperty.call(values, el.name)) return;
      var value = values[el.name];
      if (el.type === 'checkbox' || el.type === 'radio') {
        var on = Array.isArray(value) && value.indexOf(el.value) >= 0;
        if (el.checked !== on) { el.checked = on; changed = true; }
      } else if (typeof value === 'string' && el.value !== value) {
        el.value = value;
        changed = true;
      }
    });
    return changed;
  }
  function announce(form) {
    var text = document.body.getAttribute('data-restored-text');
    if (!text) return;
    var box = document.createElement('div');
    box.className = 'notice ok';
    box.setAttribute('role', 'status');
    box.setAttribute('data-restored', '');
    box.textContent = text;
    form.insertBefore(box, form.firstChild);
  }

  function keepForms() {
    if (!store) return;
    var last = store.getItem(LAST);
    if (query.has('done') && last) { store.removeItem(last); store.removeItem(LAST); }
    var seen = {};
    Array.prototype.forEach.call(document.querySelectorAll('form[method=post]'), function (form) {
      if (form.hasAttribute('data-keep-off')) return;
      form.dataset.keepKey = keyOf(form, seen);
      if (restore(form)) { announce(form); form.dispatchEvent(new Event('change')); }
      form.addEventListener('input', function () { save(form); });
      form.addEventListener('change', function () { save(form); });
      form.addEventListener('submit', function () { save(form); store.setItem(LAST, form.dataset.keepKey); });
    });
  }

  function signInAgain() {
    var link = document.querySelector('a[data-sign-in-again]');
    if (!link || !store) return;
    var last = store.getItem(LAST);
    var raw = last && store.getItem(last);
    var page = raw ? (JSON.parse(raw) || {}).page : '';
    if (typeof page === 'string' && page.charAt(0) === '/' && page.charAt(1) !== '/') {
      link.setAttribute('href', '/sign-in?next=' + encodeURIComponent(page));
    }
  }

  function kindQuestions() {
    Array.prototype.forEach.call(document.querySelectorAll('select[data-kind-switch]'), function (select) {
      var form = select.form;
      function show() {
        Array.prototype.forEach.call(form.querySelectorAll('[data-for-kind]'), function (group) {
          var mine = group.getAttribute('data-for-kind') === select.value;
          group.hidden = !mine;
          Array.prototype.forEach.call(group.querySelectorAll('input, textarea, select'), function (el) { el.disabled = !mine; });
        });
      }
      select.addEventListener('change', show);
      form.addEventListener('change', show);
      show();
    });
  }

  // A running review's numbers, bar and state follow GET /api/reviews/{scope}/{year}; for a review
  // still counting (no progress yet: 404), they show once its progress exists.
  function followReviews() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-review-poll]'), function (box) {
      var url = box.getAttribute('data-review-poll');
      function each(selector, fn) { Array.prototype.forEach.call(box.querySelectorAll(selector), fn); }
      function show(p) {
        var numbers = { done: p.done, total: p.total, failed: p.failed };
        each('[data-review-text]', function (el) {
          el.textContent = el.getAttribute('data-review-text').replace(/\\{(done|total|failed)\\}/g, function (m, name) { return String(numbers[name]); });
        });
        each('[data-review-total]', function (el) { el.textContent = String(p.total); });
        each('progress[data-review-bar]', function (el) { el.max = Math.max(p.total, 1); el.value = p.total === 0 ? 1 : p.done; });
        each('[data-review-starting]', function (el) { el.hidden = true; });
        each('[data-review-text], [data-review-bar], [data-review-state]', function (el) { el.hidden = false; });
        if (p.status !== 'COMPLETED') return false;
        each('[data-review-state]', function (el) { el.textContent = el.getAttribute('data-completed'); });
        each('[data-review-refresh]', function (el) { el.hidden = true; });
        box.removeAttribute('data-review-poll');
        return true;
      }
      function poll() {
        fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then(function (response) {
            if (response.status === 401 || response.status === 403) return null;
            return response.ok ? response.json() : {};
          })
          .then(function (p) {
            if (!p) return;
            if (typeof p.done !== 'number' || !show(p)) setTimeout(poll, 2000);
          }, function () { setTimeout(poll, 5000); });
      }
      setTimeout(poll, 2000);
    });
  }

  function followImports() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-import-poll]'), function (box) {
      var url = box.getAttribute('data-import-poll');
      function poll() {
        fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (job) {
            if (!job || typeof job.done !== 'number') return setTimeout(poll, 5000);
            var bar = box.querySelector('progress[data-import-bar]');
            if (bar) { bar.max = Math.max(job.planned, 1); bar.value = job.done; }
            var text = box.querySelector('[data-import-text]');
            if (text) text.textContent = text.getAttribute('data-import-text').replace('{done}', String(job.done)).replace('{planned}', String(job.planned));
            if (job.status === 'RUNNING') setTimeout(poll, 1500);
            else window.location.reload();
          }, function () { setTimeout(poll, 5000); });
      }
      setTimeout(poll, 1500);
    });
  }

  // A scoring row's running total (a [data-score-row] with [data-score] inputs and an
  // output[data-total] reading "sum/max"); a score typed above its max shows at once.
  function runningTotals() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-score-row]'), function (row) {
      var output = row.querySelector('output[data-total]');
      if (!output) return;
      var inputs = row.querySelectorAll('input[data-score]');
      var max = 0;
      Array.prototype.forEach.call(inputs, function (el) { max += Number(el.getAttribute('max')) || 0; });
      function update() {
        var sum = 0, typed = false;
        Array.prototype.forEach.call(inputs, function (el) {
          if (el.value.trim() === '') return;
          typed = true;
          sum += Number(el.value) || 0;
          var over = Number(el.value) > Number(el.getAttribute('max'));
          if (over) el.setAttribute('aria-invalid', 'true');
          else if (!el.hasAttribute('data-server-error')) el.removeAttribute('aria-invalid');
        });
        output.textContent = (typed ? String(sum) : '\u2013') + '/' + max;
      }
      Array.prototype.forEach.call(inputs, function (el) {
        if (el.getAttribute('aria-invalid') === 'true') el.setAttribute('data-server-error', '');
        el.addEventListener('input', update);
      });
      update();
    });
  }

  // What cannot be undone (a rejection, a publication, a stop) asks first: button[data-confirm].
  function confirmations() {
    document.addEventListener('click', function (event) {
      var button = event.target && event.target.closest ? event.target.closest('button[data-confirm]') : null;
      if (button && !window.confirm(button.getAttribute('data-confirm'))) event.preventDefault();
    });
  }

  kindQuestions();
  runningTotals();
  confirmations();
  followReviews();
  followImports();
  keepForms();
  signInAgain();
  // Scrolling to the form's #fragment after load clears the focus in Chromium: focus again
  // then, unless the person already moved on.
  var summary = document.querySelector('[data-error-summary]');
  function focusSummary() {
    var active = document.activeElement;
    if (summary && (!active || active === document.body)) summary.focus();
  }
  if (summary) {
    summary.focus();
    window.addEventListener('load', function () { setTimeout(focusSummary, 0); });
  }
})();
`;
