// Progressive enhancement of the respondent's form. Without this script every row button posts
// the form and the server renders it again with nothing lost; with it, rows are added and removed
// on the page and conditional questions follow the answers. Names are those of src/forms/raw.rs:
// GROUP.N.Q, GROUP.N.Q.other, GROUP.N.Q.detail.K and GROUP._rows; ids are i-, f-, e-, h- + name.
// This file is a handlebars template: the script must never contain two opening braces in a row.
(function () {
  'use strict';
  const version = document.querySelector('input[name="_version"]');
  const form = version && version.form;
  if (!form) return;

  const rowsOf = (group) =>
    Array.from(group.children).filter((el) => el.classList.contains('row'));
  const addButtonOf = (group) =>
    Array.from(group.children).find((el) => el.matches('button[name="_action"][value^="add:"]'));
  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const maxOf = (group) => Number(group.dataset.maxRows) || Infinity;

  // Gives row `row` of group `name` the index `n` in every name, id, label and condition it holds.
  function renumber(row, name, n) {
    const g = escapeRe(name);
    const field = new RegExp('^([ifeh]-)?' + g + '\\.\\d+\\.');
    const swap = (el, attr, re, to) => {
      const v = el.getAttribute(attr);
      if (v !== null && re.test(v)) el.setAttribute(attr, v.replace(re, to));
    };
    for (const el of [row, ...row.querySelectorAll('*')]) {
      for (const attr of ['name', 'id', 'for', 'data-show-if']) {
        swap(el, attr, field, '$1' + name + '.' + n + '.');
      }
      const described = el.getAttribute('aria-describedby');
      if (described) {
        const ids = described.split(' ').map((id) => id.replace(field, '$1' + name + '.' + n + '.'));
        el.setAttribute('aria-describedby', ids.join(' '));
      }
    }
    swap(row, 'id', new RegExp('^r-' + g + '-\\d+$'), 'r-' + name + '-' + n);
    const remove = row.querySelector('button[name="_action"][value^="remove:"]');
    if (remove) remove.value = 'remove:' + name + ':' + n;
    // The row's number, in its heading and in its remove button's accessible name.
    for (const el of row.querySelectorAll('h3 > span, h3 .visually-hidden')) {
      el.textContent = el.textContent.replace(/\d+(\s*)$/, (n + 1) + '$1');
    }
  }

  // Empties a row as the server would render a new one: no values, no messages.
  function clear(row) {
    for (const el of row.querySelectorAll('input, textarea, select')) {
      if (el.type === 'radio' || el.type === 'checkbox') {
        el.checked = el.defaultChecked = false;
      } else if (el.tagName === 'SELECT') {
        for (const o of el.options) o.defaultSelected = false;
        el.selectedIndex = 0;
      } else if (!['hidden', 'submit', 'button'].includes(el.type)) {
        el.value = el.defaultValue = '';
      }
    }
    for (const el of row.querySelectorAll('.error')) el.remove();
    for (const el of [row, ...row.querySelectorAll('.has-error, .shown')]) {
      el.classList.remove('has-error', 'shown');
    }
  }

  // Keeps GROUP._rows and the add button in step with the rows on the page.
  function update(group, name) {
    const count = rowsOf(group).length;
    const counter = Array.from(group.children).find((el) => el.name === name + '._rows');
    if (counter) counter.value = String(count);
    let add = addButtonOf(group);
    // A page rendered at the maximum has no add button: make one once a row is removed.
    if (!add && count < maxOf(group) && group.dataset.addLabel) {
      add = document.createElement('button');
      Object.assign(add, { type: 'submit', name: '_action', value: 'add:' + name });
      add.formNoValidate = true;
      add.textContent = group.dataset.addLabel;
      group.append(add);
    }
    if (add) add.hidden = count >= maxOf(group);
  }

  function addRow(group, name) {
    const rows = rowsOf(group);
    if (rows.length === 0 || rows.length >= maxOf(group)) return;
    const last = rows[rows.length - 1];
    const row = last.cloneNode(true);
    // Cleared and renamed before it is inserted, so that its radio buttons never share a name
    // with those of the row it copies (checking one would uncheck the other).
    clear(row);
    renumber(row, name, rows.length);
    last.after(row);
    update(group, name);
    const first = row.querySelector('input:not([type="hidden"]), select, textarea');
    if (first) first.focus();
  }

  function removeRow(group, name, row) {
    const rows = rowsOf(group);
    const index = rows.indexOf(row);
    if (index < 0) return;
    if (rows.length === 1) {
      // The server always shows one row to type in: the last one is emptied, not removed.
      clear(row);
    } else {
      row.remove();
      // In ascending order, so that no two rows ever hold the same names at once.
      rows.slice(index + 1).forEach((r, k) => renumber(r, name, index + k));
    }
    update(group, name);
    const next = rowsOf(group)[Math.min(index, rowsOf(group).length - 1)];
    const focus = next && next.querySelector('input:not([type="hidden"]), select, textarea');
    if (focus) focus.focus();
  }

  // The values the input(s) called `name` currently hold, whatever their kind.
  function valuesOf(name) {
    const values = [];
    for (const el of form.querySelectorAll('[name="' + CSS.escape(name) + '"]')) {
      if (el.tagName === 'SELECT') {
        for (const o of el.selectedOptions) values.push(o.value);
      } else if (el.type === 'radio' || el.type === 'checkbox') {
        if (el.checked) values.push(el.value);
      } else {
        values.push(el.value);
      }
    }
    return values;
  }

  // Conditional questions are shown only while their condition holds; the server ignores the
  // answers to hidden ones, so they can stay filled in.
  function conditions() {
    for (const el of form.querySelectorAll('[data-show-if]')) {
      const wanted = (el.dataset.showValues || '').split('|');
      el.hidden = !valuesOf(el.dataset.showIf).some((v) => wanted.includes(v));
    }
  }

  // "Set every unanswered line to": only the empty cells of that column change.
  function fill(grid, column) {
    const chosen = form.querySelector('[name="' + CSS.escape(grid + '._fill.' + column) + '"]');
    if (!chosen || !chosen.value) return;
    const cell = new RegExp('^' + escapeRe(grid) + '\\.\\d+\\.' + escapeRe(column) + '$');
    for (const el of form.querySelectorAll('select')) {
      if (cell.test(el.name) && !el.value) el.value = chosen.value;
    }
  }

  form.addEventListener('click', (event) => {
    const button = event.target.closest('button[name="_action"]');
    if (!button) return;
    const [verb, name, column] = button.value.split(':');
    if (verb === 'fill') {
      event.preventDefault();
      fill(name, column);
      conditions();
      return;
    }
    const group = button.closest('.q.group');
    if (!group || (verb !== 'add' && verb !== 'remove')) return;
    event.preventDefault();
    if (verb === 'add') addRow(group, name);
    else removeRow(group, name, button.closest('.row'));
    conditions();
  });

  // A link of the error summary puts the cursor in the field it names, not only the page there.
  document.addEventListener('click', (event) => {
    const link = event.target.closest('.notice.error a[href^="#"]');
    const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target || !target.matches('input, select, textarea')) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'center' });
    target.focus();
  });

  form.addEventListener('change', conditions);
  conditions();
})();
