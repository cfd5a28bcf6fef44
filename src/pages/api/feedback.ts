// POST /api/feedback: "Was this article helpful?" from the island (JSON) or a plain form.
import type { APIRoute } from 'astro';
import articles from 'virtual:cairn/articles';
import { server } from '../../config';
import { checkOrigin, clientAddress, errorResponse, escapeHtml, readBody } from '../../server/http';
import { castVote, feedbackInputSchema } from '../../server/feedback';
import { now } from '../../server/clock';
import { createLimiter } from '../../server/rate-limit';

export const prerender = false;

const limit = createLimiter({ points: server.feedbackPerMinute, durationSeconds: 60 });

export const POST: APIRoute = async ({ request, clientAddress: socketAddress }) => {
  const crossSite = checkOrigin(request);
  if (crossSite) return crossSite.response;
  const address = clientAddress(request, socketAddress);
  const limited = await limit('feedback', address);
  if (limited) return limited;

  const input = await readBody(request, feedbackInputSchema, { maxBytes: 8_192 });
  if (!input.ok) return (request.headers.get('content-type') ?? '').includes('form') ? formError(input.response) : input.response;
  const vote = input.value;
  const article = articles[vote.article];
  if (!article) return errorResponse(404, 'unknown_article', { article: ['is not a published article'] });

  await castVote({ ...vote, revision: article.revision }, { address, userAgent: request.headers.get('user-agent') ?? '' }, now());

  if (input.kind === 'form') {
    // Without JavaScript the article page shows the next step through :target on these anchors.
    const next = vote.helpful ? 'feedback-thanks' : vote.reason || vote.comment ? 'feedback-thanks-no' : 'feedback-why';
    return new Response(null, { status: 303, headers: { Location: `${article.url}#${next}` } });
  }
  return Response.json({ ok: true, article: vote.article, helpful: vote.helpful }, { status: 201 });
};

export const ALL: APIRoute = () => errorResponse(405, 'method_not_allowed', undefined, { Allow: 'POST' });

/** The same field errors as JSON, as a small page a form user can read and go back from. */
async function formError(response: Response): Promise<Response> {
  const body = (await response.json()) as { message: string; fields?: Record<string, string[]> };
  const items = Object.entries(body.fields ?? {}).map(([field, msgs]) => `<li><strong>${escapeHtml(field)}</strong> ${msgs.map(escapeHtml).join('; ')}</li>`).join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Feedback not sent</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>Your feedback was not sent</h1><p>${escapeHtml(body.message)}</p><ul>${items}</ul><p>Use your browser’s Back button to return to the article and try again.</p></body></html>`;
  return new Response(html, { status: response.status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
