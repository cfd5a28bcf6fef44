// Applies the saved or preferred theme before first paint (src/components/ThemeInit.astro).
(function () {
  var t = null;
  try { t = localStorage.getItem('cairn-theme'); } catch (e) {}
  if (t !== 'light' && t !== 'dark') t = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.dataset.theme = t;
})();
