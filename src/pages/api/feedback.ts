// POST /api/feedback: "Was this article helpful?" from the island (JSON) or a plain form.
import articles from 'virtual:cairn/articles';
import { server } from '../../config';
import { errorResponse, escapeHtml } from '../../server/http';
import { castVote, feedbackInputSchema } from '../../server/feedback';
import { now } from '../../server/clock';
import { onlyPost, publicPost } from '../../server/public-post';

export const prerender = false;

export const POST = publicPost({
  name: 'feedback', schema: feedbackInputSchema, maxBytes: 8_192, limit: { points: server.feedbackPerMinute, durationSeconds: 60 },
  refused: (response, request) => ((request.headers.get('content-type') ?? '').includes('form') ? formError(response) : response),
}, async ({ value: vote, kind, request, address }) => {
  const article = articles[vote.article];
  if (!article) return errorResponse(404, 'unknown_article', { article: ['is not a published article'] });

  await castVote({ ...vote, revision: article.revision }, { address, userAgent: request.headers.get('user-agent') ?? '' }, now());

  if (kind === 'form') {
    // Without JavaScript the article page shows the next step through :target on these anchors.
    const next = vote.helpful ? 'feedback-thanks' : vote.reason || vote.comment ? 'feedback-thanks-no' : 'feedback-why';
    return new Response(null, { status: 303, headers: { Location: `${article.url}#${next}` } });
  }
  return Response.json({ ok: true, article: vote.article, helpful: vote.helpful }, { status: 201 });
});

export const ALL = onlyPost;

/** The same field errors as JSON, as a small page a form user can read and go back from. */
async function formError(response: Response): Promise<Response> {
  const body = (await response.json()) as { message: string; fields?: Record<string, string[]> };
  const items = Object.entries(body.fields ?? {}).map(([field, msgs]) => `<li><strong>${escapeHtml(field)}</strong> ${msgs.map(escapeHtml).join('; ')}</li>`).join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Feedback not sent</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>Your feedback was not sent</h1><p>${escapeHtml(body.message)}</p><ul>${items}</ul><p>Use your browser’s Back button to return to the article and try again.</p></body></html>`;
  return new Response(html, { status: response.status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
