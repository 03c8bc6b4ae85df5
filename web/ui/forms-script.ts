/**
 * The pages' one small script, served at /static/forms.js (CSP: scripts from 'self' only, none
 * inline). Every page works without it; with it:
 * - the error summary of a failed post takes the focus;
 * - what is typed into a post form is kept in sessionStorage (this tab only; never a password,
 *   a file or a hidden field, ticked boxes only with data-keep-choices; data-keep-off opts out), so a session that ended while typing loses nothing: after
 *   signing in again the same form is filled again and says so. A page reached with `?done=`
 *   (a successful post redirects there) clears what the form that was sent had kept;
 * - the "sign in again" link of the session-ended page comes back to the form's page;
 * - the registration form shows the questions of the chosen kind (a collective's or a person's).
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

  kindQuestions();
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
