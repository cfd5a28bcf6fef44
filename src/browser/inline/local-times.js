// Writes "(… your time)" after status times when the reader's zone differs from the page's, which
// the script element carries as data-page-zone (src/components/status/LocalTimes.astro).
(function () {
  var pageZone = document.currentScript.dataset.pageZone;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === pageZone || !window.MutationObserver) return;
  var fmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short', timeZoneName: 'short' });
  function fill(span) {
    var time = span.previousElementSibling;
    if (span.textContent || !time || !time.matches('time[data-local]')) return;
    span.textContent = ' (' + fmt.format(new Date(time.getAttribute('datetime'))) + ' your time)';
  }
  function fillWithin(node) {
    if (node.nodeType !== 1) return;
    if (node.matches('span.local-time')) fill(node);
    node.querySelectorAll('span.local-time').forEach(fill);
  }
  var watcher = new MutationObserver(function (records) {
    records.forEach(function (r) { r.addedNodes.forEach(fillWithin); });
  });
  watcher.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', function () { watcher.disconnect(); fillWithin(document.body); });
})();
