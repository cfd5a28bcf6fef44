// The status store against a real, throwaway libSQL file, in-process: what each write keeps,
// what it refuses (with which status and fields), the audit trail, the version, import/export.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { statusMeta } from '../../db/schema';
import { maintenanceAt, statusAt } from '../../src/lib/status';
import { statusFiles } from '../../src/lib/status-export';
import * as store from '../../src/server/status-store';
import { readStatus } from '../../src/integrations/content-check';
import { tempDatabase } from '../e2e/server';
import { desk, sampleHistoryDir } from '../lib/status-fixtures';

let database: Awaited<ReturnType<typeof tempDatabase>>;
const alice: store.StatusActor = { name: 'alice@alpenhost.example', via: 'console' };
const t = (iso: string) => new Date(iso);

beforeAll(async () => {
  database = await tempDatabase({ statusSeed: false });
  const { content, errors } = readStatus(sampleHistoryDir);
  expect(errors).toEqual([]);
  expect(await store.importStatusContent(database.db, content, { name: 'seed', via: 'cli' }, t('2026-11-30T00:00:00Z'))).toEqual({ ok: true, value: { id: 'status' } });
});
afterAll(() => database?.dispose());

const version = () => store.readStatusVersion(database.db);
const incident = async (id: string, now: Date) => statusAt(await store.loadStatusContent(database.db), now, desk).incidents.find((i) => i.id === id)!;

describe('incidents', () => {
  let id: string;

  it('opens an incident with an id from the Zurich date and the title, and bumps the version', async () => {
    const before = await version();
    const result = await store.createIncident(database.db, {
      title: 'Mail delays', impact: 'major', status: 'investigating', message: 'We are looking into it.',
      components: [{ id: 'mail-delivery', status: 'major_outage' }],
    }, alice, t('2026-12-01T23:30:00Z'), desk);
    expect(result).toEqual({ ok: true, value: { id: '2026-12-02-mail-delays' } });
    id = '2026-12-02-mail-delays';
    expect(await version()).toBe(before! + 1);
    const state = await incident(id, t('2026-12-02T00:00:00Z'));
    expect(state.updates).toEqual([{ at: '2026-12-02T00:30:00+01:00', status: 'investigating', body: 'We are looking into it.', components: [{ id: 'mail-delivery', status: 'major_outage' }] }]);
  });

  it('gives a second incident of the same name that day -2', async () => {
    const again = await store.createIncident(database.db, { title: 'Mail delays', impact: 'minor', status: 'investigating', message: 'Again.', components: [{ id: 'mailboxes', status: 'degraded_performance' }] }, alice, t('2026-12-02T08:00:00Z'), desk);
    expect(again).toEqual({ ok: true, value: { id: '2026-12-02-mail-delays-2' } });
  });

  it('keeps the first update at major outage when a milder one follows', async () => {
    expect(await store.updateIncident(database.db, id, { status: 'monitoring', message: 'Better.', components: [{ id: 'mail-delivery', status: 'degraded_performance' }] }, alice, t('2026-12-02T00:00:00Z'), desk)).toMatchObject({ ok: true });
    const state = await incident(id, t('2026-12-02T00:10:00Z'));
    expect(state.updates.map((u) => u.components[0].status)).toEqual(['major_outage', 'degraded_performance']);
  });

  it('refuses unknown components (400), updates on a missing incident (404) and a resolved one without reopen (409)', async () => {
    const before = await version();
    expect(await store.updateIncident(database.db, id, { status: 'identified', message: 'x', components: [{ id: 'toaster', status: 'major_outage' }] }, alice, t('2026-12-02T00:20:00Z'), desk)).toMatchObject({
      ok: false, status: 400, fields: { 'components.0.id': [expect.stringContaining('"toaster" is not a component')] },
    });
    expect(await store.updateIncident(database.db, 'nope', { status: 'identified', message: 'x' }, alice, t('2026-12-02T00:20:00Z'), desk)).toMatchObject({ ok: false, status: 404 });
    expect(await store.updateIncident(database.db, id, { status: 'resolved', message: 'Fixed.' }, alice, t('2026-12-02T00:30:00Z'), desk)).toMatchObject({ ok: true });
    expect(await store.updateIncident(database.db, id, { status: 'identified', message: 'Back.' }, alice, t('2026-12-02T00:40:00Z'), desk)).toMatchObject({ ok: false, status: 409, fields: { status: [expect.stringContaining('set reopen')] } });
    expect(await store.createIncident(database.db, { title: 'x' }, alice, t('2026-12-02T00:40:00Z'), desk)).toMatchObject({ ok: false, status: 400, fields: { title: ['must be at least 3 characters'], message: ['is required'] } });
    expect(await version()).toBe(before! + 1); // only the resolve was written
  });

  it('reopens with reopen, then takes a postmortem once resolved again', async () => {
    expect(await store.updateIncident(database.db, id, { status: 'identified', message: 'Back.', reopen: true }, alice, t('2026-12-02T00:40:00Z'), desk)).toMatchObject({ ok: true });
    expect(await store.addPostmortem(database.db, id, { body: 'What happened.' }, alice, t('2026-12-02T00:45:00Z'), desk)).toMatchObject({ ok: false, status: 409 });
    await store.updateIncident(database.db, id, { status: 'resolved', message: 'Fixed for good.' }, alice, t('2026-12-02T01:00:00Z'), desk);
    expect(await store.addPostmortem(database.db, id, { body: 'What happened.' }, alice, t('2026-12-03T09:00:00Z'), desk)).toMatchObject({ ok: true });
    const state = await incident(id, t('2026-12-04T00:00:00Z'));
    expect([state.status, state.postmortem, state.updates.map((u) => u.status)]).toEqual(['postmortem', 'What happened.', ['investigating', 'monitoring', 'resolved', 'identified', 'resolved', 'postmortem']]);
  });

  it('refuses an update dated before the latest one', async () => {
    expect(await store.updateIncident(database.db, '2026-12-02-mail-delays-2', { status: 'monitoring', message: 'x' }, alice, t('2026-12-02T07:00:00Z'), desk)).toMatchObject({ ok: false, status: 409, fields: { at: [expect.any(String)] } });
  });
});

describe('maintenance', () => {
  const window = { scheduledFor: '2026-12-20T02:00:00+01:00', scheduledUntil: '2026-12-20T04:00:00+01:00' };
  it('schedules, edits, and cancels before the window; refuses a window that ends first', async () => {
    expect(await store.scheduleMaintenance(database.db, { title: 'Core switch swap', components: ['vps'], scheduledFor: window.scheduledUntil, scheduledUntil: window.scheduledFor, message: 'Planned.' }, alice, t('2026-12-10T10:00:00Z'), desk)).toMatchObject({
      ok: false, status: 400, fields: { scheduledUntil: [expect.stringContaining('ends before it starts')] },
    });
    const made = await store.scheduleMaintenance(database.db, { title: 'Core switch swap', components: ['vps'], ...window, message: 'Planned.' }, alice, t('2026-12-10T10:00:00Z'), desk);
    expect(made).toEqual({ ok: true, value: { id: '2026-12-20-core-switch-swap' } });
    expect(await store.editMaintenance(database.db, '2026-12-20-core-switch-swap', { scheduledUntil: '2026-12-20T05:00:00+01:00', message: 'One more hour.' }, alice, t('2026-12-11T10:00:00Z'), desk)).toMatchObject({ ok: true });
    expect(await store.cancelMaintenance(database.db, '2026-12-20-core-switch-swap', { message: 'Postponed.' }, alice, t('2026-12-12T10:00:00Z'), desk)).toMatchObject({ ok: true });
    expect(await store.updateMaintenance(database.db, '2026-12-20-core-switch-swap', { status: 'in_progress', message: 'x' }, alice, t('2026-12-20T01:00:00Z'), desk)).toMatchObject({ ok: false, status: 409 });
    const content = await store.loadStatusContent(database.db);
    const state = maintenanceAt(content.maintenances.find((m) => m.id === '2026-12-20-core-switch-swap')!, t('2026-12-20T02:00:00Z'))!;
    expect([state.cancelled, state.active, state.scheduledUntil, state.cancellation]).toEqual([true, false, '2026-12-20T05:00:00+01:00', 'Postponed.']);
  });

  it('refuses to update a maintenance that is over', async () => {
    // The sample's MySQL upgrade of 17 November was completed.
    expect(await store.updateMaintenance(database.db, '2026-11-17-hosting-databases', { status: 'verifying', message: 'x' }, alice, t('2026-12-01T00:00:00Z'), desk)).toMatchObject({ ok: false, status: 409, fields: { status: [expect.stringContaining('completed')] } });
  });
});

describe('audit, import and outages', () => {
  it('records who did what, from where, newest first', async () => {
    const [latest] = await store.statusAudit(database.db, 1);
    expect(latest).toMatchObject({ actor: 'alice@alpenhost.example', via: 'console', action: 'maintenance.cancel', target: '2026-12-20-core-switch-swap', summary: 'cancelled: Postponed.' });
    const all = await store.statusAudit(database.db);
    expect(all.filter((r) => r.action === 'incident.update')).toHaveLength(4); // refused posts leave no row
  });

  it('refuses to import over a store in use unless replace, and exports what import reads back', async () => {
    const before = await store.loadStatusContent(database.db);
    expect(await store.importStatusContent(database.db, before, alice, t('2026-12-13T00:00:00Z'))).toMatchObject({ ok: false, status: 409 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-status-export-'));
    try {
      for (const { file, source } of statusFiles(before)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), source);
      }
      const { content, errors } = readStatus(dir);
      expect(errors).toEqual([]);
      expect(await store.importStatusContent(database.db, content, alice, t('2026-12-13T00:00:00Z'), { replace: true })).toMatchObject({ ok: true });
      const now = t('2026-12-21T00:00:00Z');
      expect(statusAt(await store.loadStatusContent(database.db), now, desk)).toEqual(statusAt(before, now, desk));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 503 and writes nothing when the database does not answer', async () => {
    const down = createDb({ url: 'http://127.0.0.1:9', authToken: undefined });
    const result = await store.createIncident(down, { title: 'Mail delays', impact: 'major', status: 'investigating', message: 'x', components: [{ id: 'mailboxes', status: 'major_outage' }] }, alice, t('2026-12-13T00:00:00Z'), desk);
    expect(result).toMatchObject({ ok: false, status: 503, message: expect.stringContaining('nothing was posted') });
    down.$client.close();
    expect((await database.db.select().from(statusMeta))[0].version).toBeGreaterThan(1);
  });
});
