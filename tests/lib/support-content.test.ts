// content/support/ through the real schemas: the sample files pass, broken ones get messages
// naming file, line, field and fix, as the build prints them.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSupportFiles } from '../../src/lib/support-content';

const sla = fs.readFileSync('content/support/sla.yaml', 'utf8');
const plans = fs.readFileSync('content/support/plans.yaml', 'utf8');

function check(files: { sla?: string | null; plans?: string | null }) {
  return parseSupportFiles({
    slaFile: 'content/support/sla.yaml',
    slaSource: files.sla === undefined ? sla : files.sla,
    plansFile: 'content/support/plans.yaml',
    plansSource: files.plans === undefined ? plans : files.plans,
  });
}
const errors = (files: Parameters<typeof check>[0]) => {
  const result = check(files);
  return result.ok ? [] : result.errors;
};

const plan = (id: string, extra = '') => `- plan: ${id}\n  name: ${id[0].toUpperCase()}${id.slice(1)}\n  price: Premium plan\n  accountManagers: 0\n${extra}`;
const allPlans = (extra: Record<string, string> = {}) => ['standard', 'plus', 'pro', 'enterprise'].map((id) => plan(id, extra[id])).join('');

describe('content/support/', () => {
  it('reads the sample policy and plans, every plan in order', () => {
    const result = check({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.content.plans.map((p) => p.plan)).toEqual(['standard', 'plus', 'pro', 'enterprise']);
    expect(result.content.policy.phone).toEqual({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '09:00', closes: '18:00' });
  });

  it.each<[behaviour: string, files: Parameters<typeof check>[0], expected: string[]]>([
    ['a missing plans file', { plans: null }, ['content/support/plans.yaml: is missing; it holds the plans compared on /support/']],
    ['a missing policy', { sla: null }, ["content/support/sla.yaml: is missing; it holds the support desk's hours, holidays and response targets"]],
    [
      'a plan id that is not a plan, on its line',
      { plans: allPlans().replace('plan: pro', 'plan: gold') },
      ['content/support/plans.yaml:9: [2].plan must be one of standard, plus, pro, enterprise'],
    ],
    [
      'a plan listed twice',
      { plans: allPlans() + plan('plus') },
      ['content/support/plans.yaml:17: [4].plan "plus" is listed twice; each plan has one entry'],
    ],
    [
      'a response target restated in a highlight',
      { plans: allPlans({ plus: '  highlights:\n    - Priority over standard requests\n    - First response within 4 hours\n' }) },
      ['content/support/plans.yaml:11: [1].highlights[1] states hours or a response target, which /support/ already derives from content/support/sla.yaml; remove it there or change sla.yaml'],
    ],
    [
      'desk hours restated in a highlight',
      { plans: allPlans({ standard: '  highlights: ["Written requests answered every day, 06:00–23:00"]\n' }) },
      ['content/support/plans.yaml:5: [0].highlights[0] states hours or a response target, which /support/ already derives from content/support/sla.yaml; remove it there or change sla.yaml'],
    ],
    [
      'the old firstResponseHours field, which sla.yaml now holds',
      { plans: allPlans({ enterprise: '  firstResponseHours: 1\n' }) },
      ['content/support/plans.yaml:17: [3] must only have the fields plan, name, price, accountManagers, highlights, not firstResponseHours'],
    ],
    [
      'a plan without a name',
      { plans: allPlans().replace('  name: Plus\n', '') },
      ['content/support/plans.yaml:5: [1].name must be the plan\'s name as shown, e.g. "Plus"'],
    ],
    ['a plan left out', { plans: allPlans().replace(plan('pro'), '') }, ['content/support/plans.yaml:1: (file) must list every plan; add an entry for pro']],
    ['a list that is not a list', { plans: 'plan: plus\n' }, ['content/support/plans.yaml:1: (file) must be a list of plans, one entry per plan (standard, plus, pro, enterprise)']],
    ['YAML that does not parse, with its line', { plans: allPlans() + '- plan: [plus\n' }, [expect.stringMatching(/^content\/support\/plans\.yaml:18: is not valid YAML \(/)]],
    [
      'phone hours that close before they open, on the line of the value',
      { sla: sla.replace('closes: "18:00"', 'closes: "08:00"') },
      [expect.stringMatching(/^content\/support\/sla\.yaml:\d+: phone\.closes must be later than phone\.opens \(09:00\)$/)],
    ],
  ])('rejects %s', (_behaviour, files, expected) => {
    expect(errors(files)).toEqual(expected);
  });

  it('points a policy error at the line of the value', () => {
    const line = sla.split('\n').findIndex((l) => l.includes('closes: "23:00"')) + 1;
    expect(errors({ sla: sla.replace('closes: "23:00"', 'closes: "05:00"') })).toEqual([`content/support/sla.yaml:${line}: desk.closes must be later than desk.opens (06:00)`]);
  });
});
