// Who may open which part of the support console. Agents work tickets, editors improve
// articles, admins do both and take the bulk exports:
// - the queue and ticket pages show customers' names and addresses, so they are for agents and
//   admins only;
// - helpfulness and search gaps hold no personal data, and help anyone who writes or answers;
// - the CSV exports copy personal data out of the system in bulk, so only admins take them;
// - delivery (failed messages, webhooks) shows customers' mail and sends ticket data to other
//   systems, so only admins see and change it;
// - the status section publishes to every customer at once, so it is for those who run the
//   service (agents on call, admins), not for editors who write articles.
// A console path this file does not know is for admins until it is given a section.
import type { StaffRole } from './staff.ts';

export type ConsoleSection = 'queue' | 'insights' | 'exports' | 'delivery' | 'status' | 'session';

export const sectionRoles: Record<ConsoleSection, readonly StaffRole[]> = {
  queue: ['agent', 'admin'],
  insights: ['agent', 'editor', 'admin'],
  exports: ['admin'],
  delivery: ['admin'],
  status: ['agent', 'admin'],
  session: ['agent', 'editor', 'admin'],
};

/** What a section is called in messages ("Your role cannot open the ticket queue"). */
export const sectionNames: Record<ConsoleSection, string> = {
  queue: 'the ticket queue',
  insights: 'article insights',
  exports: 'the data exports',
  delivery: 'mail and webhook delivery',
  status: 'the status section',
  session: 'your session',
};

const withinSection = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** The section of a console path (/console and below), or null for one this file does not know. */
export function sectionOf(pathname: string): ConsoleSection | null {
  if (pathname === '/console' || pathname === '/console/' || withinSection(pathname, '/console/tickets')) return 'queue';
  if (withinSection(pathname, '/console/helpfulness') || withinSection(pathname, '/console/search')) return 'insights';
  if (withinSection(pathname, '/console/export')) return 'exports';
  if (withinSection(pathname, '/console/delivery')) return 'delivery';
  if (withinSection(pathname, '/console/status')) return 'status';
  if (withinSection(pathname, '/console/login') || withinSection(pathname, '/console/logout') || withinSection(pathname, '/console/forbidden') || withinSection(pathname, '/console/password')) return 'session';
  return null;
}

export function mayOpen(role: StaffRole, pathname: string): boolean {
  const section = sectionOf(pathname);
  return section === null ? role === 'admin' : sectionRoles[section].includes(role);
}

/** Where a role starts: the queue for those who work tickets, article insights for editors. */
export function homeFor(role: StaffRole): string {
  return mayOpen(role, '/console/') ? '/console/' : '/console/helpfulness/';
}
