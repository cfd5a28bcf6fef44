// The input schemas the console, the API and the CLI share, and the checks against the current state.
import { describe, expect, it } from 'vitest';
import {
  componentErrors,
  incidentUpdateErrors,
  incidentUpdateInputSchema,
  maintenanceChangeErrors,
  maintenanceEditInputSchema,
  maintenanceWindowErrors,
  newIncidentInputSchema,
  newMaintenanceInputSchema,
  postmortemErrors,
} from '../../src/lib/status-input';
import { fieldErrors } from '../../src/server/http';

const errorsOf = (result: { success: boolean; error?: { issues: Parameters<typeof fieldErrors>[0] } }) => (result.success ? {} : fieldErrors(result.error!.issues));

describe('input schemas', () => {
  it('accepts a new incident and trims its text', () => {
    const parsed = newIncidentInputSchema.parse({ title: '  Mail delays ', impact: 'major', status: 'investigating', message: 'Looking.', components: [{ id: 'mailboxes', status: 'partial_outage' }] });
    expect(parsed.title).toBe('Mail delays');
  });

  it('names every bad field of a new incident, with what it must be', () => {
    expect(errorsOf(newIncidentInputSchema.safeParse({ title: 'x', impact: 'huge', status: 'postmortem', message: '  ', components: [] }))).toEqual({
      title: ['must be at least 3 characters'],
      impact: ['must be one of none, minor, major, critical'],
      status: ['must be one of investigating, identified, monitoring, resolved'],
      message: ['must not be empty'],
      components: ['must list at least one affected component'],
    });
  });

  it('refuses unknown fields and a component status that does not exist', () => {
    expect(errorsOf(incidentUpdateInputSchema.safeParse({ status: 'monitoring', message: 'ok', components: [{ id: 'dns', status: 'broken' }], colour: 'red' }))).toEqual({
      'components.0.status': ['must be one of operational, degraded_performance, partial_outage, major_outage'],
      colour: ['is not a known field'],
    });
  });

  it('reads a form checkbox as reopen', () => {
    expect(incidentUpdateInputSchema.parse({ status: 'identified', message: 'Again.', reopen: 'on' }).reopen).toBe(true);
  });

  it('needs an offset on maintenance times, and at least one change in an edit', () => {
    expect(errorsOf(newMaintenanceInputSchema.safeParse({ title: 'Upgrade', components: ['dns'], scheduledFor: '2026-12-08 02:00', scheduledUntil: '2026-12-08T04:00:00+01:00', message: 'Planned.' }))).toEqual({
      scheduledFor: ['must be an ISO 8601 date-time with an offset, such as 2026-11-03T14:05:00+01:00'],
    });
    expect(errorsOf(maintenanceEditInputSchema.safeParse({}))).toEqual({ _: ['change at least one of title, components, scheduledFor, scheduledUntil, message'] });
  });
});

describe('checks against the current state', () => {
  it('names unknown and repeated components by their place in the list', () => {
    expect(componentErrors(['dns', 'dsn', 'dns'], ['dns', 'mailboxes'], 'incident')).toEqual({
      'components.1.id': ['"dsn" is not a component on the status page; use one of dns, mailboxes'],
      'components.2.id': ['"dns" is listed twice; list each component once'],
    });
    expect(Object.keys(componentErrors(['web'], ['dns'], 'maintenance'))).toEqual(['components.0']);
  });

  it.each([
    ['an update on an open incident', 'monitoring', { status: 'identified' }, {}],
    ['an update on a resolved incident without reopen', 'resolved', { status: 'monitoring' }, { status: ['the incident is resolved; set reopen to post on it again, or open a new incident'] }],
    ['reopening a resolved incident', 'resolved', { status: 'investigating', reopen: true }, {}],
    ['reopening one that is open', 'identified', { status: 'investigating', reopen: true }, { reopen: ['only a resolved incident can be reopened; this one is still open'] }],
    ['reopening by resolving', 'postmortem', { status: 'resolved', reopen: true }, { status: ['a reopening update cannot resolve the incident; post investigating, identified or monitoring'] }],
  ] as const)('%s', (_, current, input, expected) => {
    expect(incidentUpdateErrors({ status: current }, { message: 'x', ...input })).toEqual(expected);
  });

  it('publishes a postmortem only on a resolved incident', () => {
    expect(postmortemErrors({ status: 'monitoring' })).toHaveProperty('status');
    expect(postmortemErrors({ status: 'resolved' })).toEqual({});
  });

  it.each([
    ['2026-12-08T02:00:00+01:00', '2026-12-08T04:00:00+01:00', {}],
    ['2026-12-08T02:00:00+01:00', '2026-12-08T01:00:00Z', { scheduledUntil: ['must be after scheduledFor (2026-12-08T02:00:00+01:00); the window has no length'] }],
    ['2026-12-08T02:00:00+01:00', '2026-12-08T01:59:00+01:00', { scheduledUntil: ['must be after scheduledFor (2026-12-08T02:00:00+01:00); the window ends before it starts'] }],
  ])('a window from %s to %s', (scheduledFor, scheduledUntil, expected) => {
    expect(maintenanceWindowErrors({ scheduledFor, scheduledUntil })).toEqual(expected);
  });

  it.each([
    [{ status: 'scheduled', cancelled: false }, 'cancel', {}],
    [{ status: 'in_progress', cancelled: false }, 'update', {}],
    [{ status: 'in_progress', cancelled: false }, 'cancel', { status: ['the maintenance has started; post a completed update to end it instead of cancelling'] }],
    [{ status: 'completed', cancelled: false }, 'update', { status: ['the maintenance is completed and cannot be updated; schedule a new one'] }],
    [{ status: 'scheduled', cancelled: true }, 'edit', { status: ['the maintenance was cancelled and cannot be edited; schedule a new one'] }],
  ] as const)('a %o maintenance asked to %s', (current, action, expected) => {
    expect(maintenanceChangeErrors(current, action)).toEqual(expected);
  });
});
