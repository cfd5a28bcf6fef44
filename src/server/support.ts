// The support policy bundled into the server at build time (content/support/sla.yaml).
import { parse } from 'yaml';
import { slaPolicySchema, type SlaPolicy } from '../lib/sla';
import source from '../../content/support/sla.yaml?raw';

// The build refused an invalid policy already (src/integrations/content-check.ts).
export const slaPolicy: SlaPolicy = slaPolicySchema.parse(parse(source));
