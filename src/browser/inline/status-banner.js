// Fills the help center's status banner from /status/live.json (src/components/StatusBanner.astro).
(function () {
  var box = document.querySelector('[data-status-banner]');
  if (!box || !window.fetch) return;
  fetch('/status/live.json').then(function (r) { return r.ok ? r.json() : null; }).then(function (s) {
    if (!s || !s.items || !s.items.length) return;
    var item = s.items[0];
    var link = document.createElement('a');
    link.href = item.url;
    link.textContent = item.title;
    var label = document.createElement('strong');
    label.textContent = (item.kind === 'maintenance' ? 'Maintenance in progress' : s.label) + ': ';
    box.append(label, link);
    if (s.items.length > 1) box.append(' (and ' + (s.items.length - 1) + ' more on the status page)');
    box.className = 'status-banner ' + item.impact;
    box.setAttribute('role', 'status');
    box.hidden = false;
  }).catch(function () {});
})();
