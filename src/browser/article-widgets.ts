// Behaviour of the article components (src/loaders/components.ts): copy buttons in settings
// tables and the click-to-load video player.

for (const button of document.querySelectorAll<HTMLButtonElement>('.settings .copy')) {
  if (!navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(button.dataset.copy ?? '');
    button.textContent = 'Copied';
    setTimeout(() => { button.textContent = 'Copy'; }, 1500);
  });
}

// Swap the facade for the player only on a click, so the host sees no request before consent.
class CairnVideo extends HTMLElement {
  connectedCallback() {
    this.querySelector('button')?.addEventListener('click', () => {
      const frame = document.createElement('iframe');
      frame.src = this.dataset.embed ?? '';
      frame.title = this.dataset.title ?? 'Video';
      frame.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
      frame.allowFullscreen = true;
      this.replaceChildren(frame);
      frame.focus();
    }, { once: true });
  }
}
if (!customElements.get('cairn-video')) customElements.define('cairn-video', CairnVideo);
