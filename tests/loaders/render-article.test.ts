// The article renderer: MDX with the four article components becomes the HTML readers get, and
// anything it cannot render is reported by file and line instead of vanishing from the page.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../src/lib/sla';
import { createArticleRenderer } from '../../src/loaders/render-article';
import { zurich } from '../fixtures/sla-policies';

let render: Awaited<ReturnType<typeof createArticleRenderer>>;
beforeAll(async () => {
  render = await createArticleRenderer({ themes: { light: 'github-light', dark: 'github-dark' } });
});

const front = '---\ntitle: Test article\n---\n';

describe('rendering an article', () => {
  it('renders Markdown with GitHub-style heading ids and lists the headings for the table of contents', async () => {
    const r = await render(`${front}\n## Before you start\n\nText with **bold** and a [link](/articles/email/x/).\n\n## Before you start\n\n### Ports & "quotes"\n`, 'a.mdx');
    expect(r.problems).toEqual([]);
    expect(r.html).toContain('<h2 id="before-you-start">Before you start</h2>');
    expect(r.html).toContain('<h2 id="before-you-start-1">');
    expect(r.html).toContain('<strong>bold</strong>');
    expect(r.html).toContain('<a href="/articles/email/x/">link</a>');
    expect(r.headings.map((h) => [h.depth, h.slug])).toEqual([[2, 'before-you-start'], [2, 'before-you-start-1'], [3, 'ports--quotes']]);
    expect(r.html).not.toContain('title: Test article');
  });

  it('renders a settings table with a labelled copy button per value, escaping what the author wrote', async () => {
    const r = await render(`${front}\n<SettingsTable caption="Incoming <IMAP>" rows={[["Server", "mail.example"], ["Port", "993"]]} />\n`, 'a.mdx');
    expect(r.problems).toEqual([]);
    expect(r.html).toContain('<caption>Incoming &#x3C;IMAP></caption>');
    expect(r.html).toContain('<thead><tr><th scope="col">Setting</th><th scope="col">Value</th></tr></thead>');
    expect(r.html).toContain('<th scope="row">Port</th><td><code>993</code><button type="button" class="copy" data-pagefind-ignore data-copy="993" hidden aria-label="Copy Port: 993">Copy</button></td>');
  });

  it('renders steps, callouts with their kind for screen readers, and Markdown inside them', async () => {
    const r = await render(`${front}\n<Steps>\n\n1. Open **Mail**.\n2. Click *Add*.\n\n</Steps>\n\n<Callout type="warning" title="Careful">\nThis deletes the mailbox.\n</Callout>\n`, 'a.mdx');
    expect(r.problems).toEqual([]);
    expect(r.html).toMatch(/<div class="steps">\s*<ol>\s*<li>Open <strong>Mail<\/strong>.<\/li>/);
    expect(r.html).toContain('<div class="callout warning" role="note">');
    expect(r.html).toContain('<span>Careful</span><span class="sr-only"> (Warning)</span>');
    expect(r.html).toContain('<p>This deletes the mailbox.</p>');
  });

  it('renders a video as a facade that names the host, with the transcript on the page', async () => {
    const r = await render(`${front}\n<Video id="abc123" title="Set up mail" duration="4:05">\n\nHello and welcome.\n\n</Video>\n`, 'a.mdx');
    expect(r.problems).toEqual([]);
    expect(r.html).toContain('data-embed="https://www.youtube-nocookie.com/embed/abc123?autoplay=1&#x26;rel=0&#x26;cc_load_policy=1');
    expect(r.html).toContain('Play video · 4:05 · captions on');
    expect(r.html).toContain('nothing is sent to YouTube before you press play');
    expect(r.html).toMatch(/<summary>Read the transcript<\/summary><div class="text">\s*<p>Hello and welcome.<\/p>/);
    expect(r.html).not.toContain('<iframe');
  });

  it('highlights code blocks with both themes, as Astro does for Markdown', async () => {
    const r = await render(`${front}\n\`\`\`bash\nopenssl s_client -connect mail.example:465\n\`\`\`\n`, 'a.mdx');
    expect(r.html).toContain('<pre class="astro-code astro-code-themes github-light github-dark"');
    expect(r.html).toContain('data-language="bash"');
    expect(r.html).toContain('--shiki-dark:');
  });

  it('reports what it cannot render with the file and line, and leaves it out of the page', async () => {
    const source = `${front}\nFine.\n\n<Tabs>\nx\n</Tabs>\n\n<Callout type="danger">\nNo.\n</Callout>\n\n<SettingsTable caption="x" rows={rows} />\n\nTotal: {1 + 1}\n\n<Video title="No source" />\n`;
    const r = await render(source, 'content/articles/email/x.mdx');
    expect(r.problems).toEqual([
      'content/articles/email/x.mdx:7: unknown component <Tabs>; articles may use <Steps>, <Callout>, <SettingsTable>, <Video> and plain tags such as <kbd>',
      expect.stringMatching(/^content\/articles\/email\/x\.mdx:11: <Callout>: type /),
      'content/articles/email/x.mdx:15: <SettingsTable> rows={rows} must be plain data written as JSON, e.g. {[["Port", "993"]]}',
      'content/articles/email/x.mdx:17: expressions such as {1 + 1} are not supported in articles; write the text itself',
      'content/articles/email/x.mdx:19: <Video>: needs either id (a hosted video) or src (a file), not both',
    ]);
    expect(r.html).toContain('<p>Fine.</p>');
    expect(r.html).not.toContain('Tabs');
  });

  it('reports MDX syntax errors with their line and column', async () => {
    const r = await render(`${front}\n<Steps>\n\n1. One\n`, 'b.mdx');
    expect(r.problems).toEqual([expect.stringMatching(/^b\.mdx:5:1: Expected a closing tag for `<Steps>`/)]);
  });

  it('drops MDX comments and allows plain tags such as <kbd>', async () => {
    const r = await render(`${front}\nPress <kbd>Ctrl</kbd> + <kbd>C</kbd>. {/* reviewed 2026-11 */}\n`, 'a.mdx');
    expect(r.problems).toEqual([]);
    expect(r.html).toContain('<p>Press <kbd>Ctrl</kbd> + <kbd>C</kbd>. </p>');
  });
});

describe('articles that state the support desk\'s facts', () => {
  const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
  const article = [
    front,
    'Written requests every day from <Sla show="desk" />, <Sla show="zone" /> time; phone <Sla show="phone" />.',
    '',
    'Plus answers within <Sla show="target" plan="plus" />; closed on <Sla show="holidays" />. <Sla show="emergencyPlans" /> may call.',
    '',
    '- <SlaExample plan="pro" at="2026-12-01T22:30" />',
    '',
  ].join('\n');

  it.each<[string, SlaPolicy, string[]]>([
    ['the sample Zurich desk', { ...zurich, phone: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '09:00', closes: '18:00' } }, [
      'Written requests every day from 06:00 to 23:00, Zurich time; phone Monday to Friday, 09:00–18:00.',
      'Plus answers within 4 hours; closed on 1 January, 1 August and 25 December. Pro and Enterprise may call.',
      'Pro, Tuesday 1 December 22:30. Sent then, the clock starts at once; the answer is due by Wednesday 2 December 07:30.',
    ]],
    ['a Vienna desk with other hours, so the same article follows the policy', {
      timeZone: 'Europe/Vienna', desk: { opens: '07:00', closes: '22:00' }, holidays: ['05-01'], targetsMinutes: { plus: 180, pro: 90 }, emergencyPlans: ['plus'],
      phone: { days: ['mon', 'tue', 'wed', 'thu'], opens: '08:00', closes: '12:00' },
    }, [
      'Written requests every day from 07:00 to 22:00, Vienna time; phone Monday to Thursday, 08:00–12:00.',
      'Plus answers within 3 hours; closed on 1 May. Plus may call.',
      'Pro, Tuesday 1 December 22:30. Sent then, the clock starts at Wednesday 2 December 07:00; the answer is due by Wednesday 2 December 08:30.',
    ]],
  ])('<Sla> and <SlaExample> render %s', async (_name, policy, expected) => {
    const r = await (await createArticleRenderer({}, policy))(article, 'a.mdx');
    expect(r.problems).toEqual([]);
    for (const line of expected) expect(text(r.html)).toContain(line);
  });

  it('reports a fact the policy does not have, and <Sla> where no policy is given', async () => {
    const policy = { ...zurich, emergencyPlans: [] };
    const r = await (await createArticleRenderer({}, policy))(`${front}\n<Sla show="phone" /> <Sla show="target" plan="standard" /> <Sla show="desk" plan="plus" /> <Sla show="emergencyPlans" />\n`, 'a.mdx');
    expect(r.problems).toEqual([
      'a.mdx:5: <Sla>: states phone hours, but content/support/sla.yaml has no phone entry',
      'a.mdx:5: <Sla>: names a plan without a target in content/support/sla.yaml',
      'a.mdx:5: <Sla>: takes plan="…" with show="target", and only then',
      'a.mdx:5: <Sla>: names the emergency plans, but content/support/sla.yaml lists none',
    ]);
    expect((await render(`${front}\n<Sla show="desk" />\n`, 'a.mdx')).problems).toEqual([expect.stringMatching(/^a\.mdx:5: unknown component <Sla>/)]);
  });
});
