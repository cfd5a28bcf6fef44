import { describe, expect, it } from 'vitest';
import { homeFor, mayOpen, sectionOf } from '../../src/lib/console-rights';

describe('console rights by role', () => {
  const paths = {
    queue: '/console/',
    ticket: '/console/tickets/T-0000-0000-0000-0000/',
    helpfulness: '/console/helpfulness/',
    searchGaps: '/console/search/',
    ticketsCsv: '/console/export/tickets.csv',
    feedbackCsv: '/console/export/feedback.csv',
    signOut: '/console/logout',
    password: '/console/password/',
    status: '/console/status/',
    statusIncident: '/console/status/incidents/2026-12-03-mail-delays/',
  };

  it('lets agents work tickets and read insights, but not take the exports', () => {
    expect([paths.queue, paths.ticket, paths.helpfulness, paths.searchGaps, paths.signOut, paths.password].every((p) => mayOpen('agent', p))).toBe(true);
    expect(mayOpen('agent', paths.ticketsCsv)).toBe(false);
    expect(mayOpen('agent', paths.feedbackCsv)).toBe(false);
  });

  it('lets agents and admins post status, but not editors, who write articles', () => {
    for (const role of ['agent', 'admin'] as const) {
      expect(mayOpen(role, paths.status), role).toBe(true);
      expect(mayOpen(role, paths.statusIncident), role).toBe(true);
    }
    expect(mayOpen('editor', paths.status)).toBe(false);
    expect(mayOpen('editor', paths.statusIncident)).toBe(false);
    expect(sectionOf('/console/statuses/')).toBeNull();
  });

  it('keeps editors to article insights: no tickets with customers\' details, no exports', () => {
    expect(mayOpen('editor', paths.helpfulness)).toBe(true);
    expect(mayOpen('editor', paths.searchGaps)).toBe(true);
    expect(mayOpen('editor', paths.signOut)).toBe(true);
    expect(mayOpen('editor', paths.password)).toBe(true);
    for (const p of [paths.queue, '/console', paths.ticket, paths.ticketsCsv, paths.feedbackCsv, paths.status]) expect(mayOpen('editor', p), p).toBe(false);
  });

  it('lets admins open everything, including paths no section names yet', () => {
    for (const p of [...Object.values(paths), '/console/settings/']) expect(mayOpen('admin', p), p).toBe(true);
    expect(mayOpen('agent', '/console/settings/')).toBe(false);
    expect(sectionOf('/console/settings/')).toBeNull();
  });

  it('keeps delivery (failed messages, webhooks) to admins', () => {
    expect(sectionOf('/console/delivery/')).toBe('delivery');
    expect(mayOpen('admin', '/console/delivery/')).toBe(true);
    for (const role of ['agent', 'editor'] as const) expect(mayOpen(role, '/console/delivery/'), role).toBe(false);
    expect(sectionOf('/console/deliveryx')).toBeNull();
  });

  it('does not mistake a look-alike path for a section', () => {
    expect(sectionOf('/console/ticketsx')).toBeNull();
    expect(sectionOf('/console/exporter')).toBeNull();
    expect(sectionOf('/console/search')).toBe('insights');
  });

  it('starts each role where its work is', () => {
    expect(homeFor('agent')).toBe('/console/');
    expect(homeFor('admin')).toBe('/console/');
    expect(homeFor('editor')).toBe('/console/helpfulness/');
  });
});
