// The ticket form's enhancements: checks a contract key (shows the emergency option only for
// plans that have it), previews the first-response deadline, suggests up to five articles as
// the subject is typed (counting, without personal data, whether one was opened), and sends
// the form as JSON so errors appear in place.
import { escapeHtml, reportOutcome, runSearch } from './search';

type Plan = 'standard' | 'plus' | 'pro' | 'enterprise';

function track(event: string) {
  void fetch('/api/deflection', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ event }), keepalive: true }).catch(() => {});
}

class SupportForm extends HTMLElement {
  private plan: Plan = 'standard';
  private emergencyAllowed = false;
  private openedSuggestion = false;
  private shownSuggestions = false;

  connectedCallback() {
    const form = this.querySelector<HTMLFormElement>('[data-ticket-form]')!;
    const key = form.querySelector<HTMLInputElement>('#contractKey')!;
    const keyStatus = form.querySelector<HTMLElement>('[data-key-status]')!;
    const emergencyField = form.querySelector<HTMLElement>('[data-emergency-field]')!;
    const emergency = emergencyField.querySelector<HTMLInputElement>('input')!;
    const deadline = form.querySelector<HTMLElement>('[data-deadline]')!;
    // The desk's words and zone come from the page, which renders them from content/support/sla.yaml.
    const { timeZone, bestEffort } = deadline.dataset;
    const subject = form.querySelector<HTMLInputElement>('#subject')!;
    const suggestions = form.querySelector<HTMLElement>('[data-suggestions]')!;
    const list = form.querySelector<HTMLUListElement>('[data-suggestion-list]')!;
    const hint = form.querySelector<HTMLElement>('[data-emergency-hint]')!;

    const showEmergency = () => {
      emergencyField.hidden = !this.emergencyAllowed;
      if (!this.emergencyAllowed) emergency.checked = false;
      hint.textContent = 'Emergencies are answered round the clock on your plan.';
    };
    showEmergency();

    const preview = async () => {
      const params = new URLSearchParams({ plan: this.plan, emergency: String(emergency.checked) });
      const res = await fetch(`/api/sla?${params}`).catch(() => null);
      if (!res?.ok) return;
      const body = await res.json();
      if (!body.dueAt) { deadline.textContent = bestEffort ?? ''; return; }
      const due = new Date(body.dueAt);
      const desk = due.toLocaleString('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
      const local = due.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
      const planName = `${this.plan[0].toUpperCase()}${this.plan.slice(1)}`;
      deadline.textContent = `Sent now, your ${planName} request gets a first response by ${desk}${local !== desk ? ` (${local} your time)` : ''}.`;
    };

    let keyTimer: ReturnType<typeof setTimeout> | undefined;
    const checkKey = async () => {
      const value = key.value.trim();
      if (!value) { this.plan = 'standard'; this.emergencyAllowed = false; keyStatus.textContent = 'Plus, Pro and Enterprise clients: paste the key from your contract.'; showEmergency(); void preview(); return; }
      const res = await fetch('/api/support-key', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ contractKey: value }) }).catch(() => null);
      const body = res ? await res.json().catch(() => null) : null;
      if (res?.ok) {
        this.plan = body.plan;
        this.emergencyAllowed = body.emergency;
        keyStatus.textContent = `Key accepted: ${body.plan[0].toUpperCase()}${body.plan.slice(1)} plan.`;
      } else {
        this.plan = 'standard';
        this.emergencyAllowed = false;
        keyStatus.textContent = res?.status === 429 ? 'Too many wrong keys from your connection; try again later. You can still send as Standard.' : (body?.fields?.contractKey?.[0] ?? 'This key could not be checked. Your request will be filed under the Standard plan.');
      }
      showEmergency();
      void preview();
    };
    key.addEventListener('input', () => { clearTimeout(keyTimer); keyTimer = setTimeout(checkKey, 400); });
    emergency.addEventListener('change', preview);
    if (key.value) void checkKey(); else void preview();

    let subjectTimer: ReturnType<typeof setTimeout> | undefined;
    subject.addEventListener('input', () => {
      clearTimeout(subjectTimer);
      subjectTimer = setTimeout(async () => {
        const q = subject.value.trim();
        if (q.length < 3) { suggestions.hidden = true; return; }
        const { hits } = await runSearch(q, {}, 5).catch(() => ({ hits: [] }));
        if (!hits.length) { suggestions.hidden = true; return; }
        list.innerHTML = hits.map((h) => `<li><a href="${escapeHtml(h.url)}" target="_blank" rel="noopener">${escapeHtml(h.title)}<span class="sr-only"> (opens in a new tab)</span></a></li>`).join('');
        suggestions.hidden = false;
        if (!this.shownSuggestions) { this.shownSuggestions = true; track('suggestions_shown'); }
      }, 250);
    });
    list.addEventListener('click', (e) => {
      if (!(e.target as HTMLElement).closest('a')) return;
      if (!this.openedSuggestion) { this.openedSuggestion = true; track('suggestion_opened'); }
    });

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      for (const el of form.querySelectorAll('.error.js, .form-error.js')) el.remove();
      for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
      const data = Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
      const payload: Record<string, unknown> = { ...data, emergency: emergency.checked };
      for (const [k, v] of Object.entries(payload)) if (v === '') delete payload[k];
      const res = await fetch('/api/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) }).catch(() => null);
      if (res?.status === 201) {
        const ticket = await res.json();
        track(this.openedSuggestion ? 'ticket_sent_after_suggestion' : 'ticket_sent');
        reportOutcome('ticket');
        location.assign(`/support/tickets/${ticket.reference}/`);
        return;
      }
      const body = res ? await res.json().catch(() => null) : null;
      const summary = document.createElement('p');
      summary.className = 'form-error js';
      summary.setAttribute('role', 'alert');
      // The server's own words for the whole request (storage down, too large, too many) come first.
      const general = (body?.fields?._ as string[] | undefined)?.join(' ');
      summary.textContent = general ?? (
        !res ? 'We could not reach the help center. Check your connection and send again; your text is kept.'
        : res.status === 429 ? 'Too many requests from your connection. Please wait a few minutes; your text is kept.'
        : res.status >= 500 ? 'Something went wrong on our side and the request was not sent. Please send it again in a few minutes; your text is kept.'
        : 'Please correct the fields marked below; nothing you wrote was lost.');
      form.prepend(summary);
      for (const [field, messages] of Object.entries((body?.fields ?? {}) as Record<string, string[]>)) {
        const input = form.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`);
        if (!input) continue;
        input.setAttribute('aria-invalid', 'true');
        const p = document.createElement('p');
        p.className = 'error js';
        p.id = `${field}-error-js`;
        p.textContent = `${field[0].toUpperCase()}${field.slice(1)} ${messages.join(' ')}`;
        input.closest('.field')?.append(p);
        input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), p.id].filter(Boolean).join(' '));
      }
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
  }
}
customElements.define('cairn-support-form', SupportForm);
