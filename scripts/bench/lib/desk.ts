// The desk's zone from content/support/sla.yaml, for benches that post status: new entries are
// dated in it, as the server dates them.
import { supportDir } from '../../../src/config.ts';
import { readSupport } from '../../../src/integrations/content-check.ts';

const support = readSupport(supportDir);
if (!support.ok) throw new Error(support.errors.join('\n'));

export const desk = { timeZone: support.content.policy.timeZone };
