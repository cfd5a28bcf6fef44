import { describe, expect, it } from 'vitest';
import {
  formFieldErrors,
  incidentInputFromForm,
  incidentUpdateInputFromForm,
  instantFromLocal,
  localFromInstant,
  maintenanceInputFromForm,
} from '../../src/lib/status-form';

const zone = 'Europe/Zurich';

describe('the console\'s status forms', () => {
  it('turn one select per component into the affected components, skipping "not affected"', () => {
    expect(incidentInputFromForm({
      title: 'Mail delays', impact: 'major', status: 'investigating', message: 'Looking into it.',
      'component:mail-delivery': 'partial_outage', 'component:mailboxes': '', 'component:web-hosting': 'degraded_performance',
    })).toEqual({
      title: 'Mail delays', impact: 'major', status: 'investigating', message: 'Looking into it.',
      components: [{ id: 'mail-delivery', status: 'partial_outage' }, { id: 'web-hosting', status: 'degraded_performance' }],
    });
  });

  it('leave the components out of an update when none is chosen, so the last statuses stay', () => {
    expect(incidentUpdateInputFromForm({ status: 'identified', message: 'Found it.', 'component:mailboxes': '', impact: '' })).toEqual({ status: 'identified', message: 'Found it.' });
    expect(incidentUpdateInputFromForm({ status: 'investigating', message: 'Back.', reopen: 'on', 'component:mailboxes': 'major_outage' }))
      .toEqual({ status: 'investigating', message: 'Back.', reopen: 'on', components: [{ id: 'mailboxes', status: 'major_outage' }] });
  });

  it.each([
    ['a winter evening', '2026-12-15T02:00', '2026-12-15T02:00:00+01:00'],
    ['a summer night, typed with a space', '2027-07-01 23:30', '2027-07-01T23:30:00+02:00'],
    ['the autumn hour that happens twice (the first one)', '2026-10-25T02:30', '2026-10-25T02:30:00+02:00'],
    ['the spring hour that never happens (moved on)', '2027-03-28T02:30', '2027-03-28T03:30:00+02:00'],
    ['an instant with its offset, kept', '2026-12-15T01:00:00Z', '2026-12-15T01:00:00Z'],
    ['nonsense, kept for the schema to name', 'tomorrow', 'tomorrow'],
    ['nothing', '  ', undefined],
  ])('read %s as the status page\'s wall-clock time', (_name, typed, instant) => {
    expect(instantFromLocal(typed, zone)).toBe(instant);
  });

  it('show a stored instant in the datetime-local box in the page\'s zone', () => {
    expect(localFromInstant('2026-12-15T01:00:00Z', zone)).toBe('2026-12-15T02:00');
  });

  it('send an edit with only the fields given', () => {
    expect(maintenanceInputFromForm({ title: '', scheduledUntil: '2026-12-15T04:00', message: '' }, zone, { partial: true })).toEqual({ title: '', scheduledUntil: '2026-12-15T04:00:00+01:00' });
    expect(maintenanceInputFromForm({ title: 'DB upgrade', 'component:hosting-databases': 'on', scheduledFor: '2026-12-15T02:00', scheduledUntil: '2026-12-15T03:00', message: 'Short breaks.' }, zone))
      .toEqual({ title: 'DB upgrade', components: ['hosting-databases'], scheduledFor: '2026-12-15T02:00:00+01:00', scheduledUntil: '2026-12-15T03:00:00+01:00', message: 'Short breaks.' });
  });

  it('put the store\'s errors on a component back beside that component\'s input', () => {
    expect(formFieldErrors({ 'components.1.id': ['"mailx" is not a component'], components: ['must list at least one'], title: ['is required'] }, ['mail-delivery', 'mailx']))
      .toEqual({ 'component:mailx': ['"mailx" is not a component'], components: ['must list at least one'], title: ['is required'] });
    expect(formFieldErrors({ 'components.0': ['unknown'] }, ['nope'])).toEqual({ 'component:nope': ['unknown'] });
  });
});
