/** Shared fixtures for the operation tests: database reset, snapshots, inputs, refusals. */
import { expect } from 'vitest';
import { db } from '../../../lib/db/database';
import type { Client, NewClientInput } from '../../../lib/model/client';
import { createClient, createExperiment, listExperiments, pauseExperiment, startExperiment } from '../../../lib/ops';
import { type AppError, isAppError } from '../../../lib/model/errors';
import type { RandomBytes } from '../../../lib/rules/org-id';
import en from '../../../public/_locales/en/messages.json';
import ja from '../../../public/_locales/ja/messages.json';

/** Deletes the singleton database and opens it again, empty, at the latest version. */
export async function resetDb(): Promise<void> {
  await db.delete();
  await db.open();
}

/** 2026-01-15T12:00:00Z: a fixed instant the tests count from. */
export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
export const DAY = 86_400_000;

/** Every record of every table, keyed by table name, in primary-key order. */
export async function snapshot(): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of db.tables) result[table.name] = await table.toArray();
  return result;
}

let counter = 0;

/** Starts the numbering of clientInput() again, as a fresh test file would see it. */
export function restartClientInputs(): void {
  counter = 0;
}

/** A valid new client; `overrides` replace top-level fields. */
export function clientInput(overrides: Partial<NewClientInput> = {}): NewClientInput {
  counter += 1;
  return {
    name: `Client ${counter}`,
    contact: { firstName: 'Ada', lastName: 'Lovelace', email: `ada${counter}@example.com` },
    quota: 10,
    ...overrides,
  };
}

/** A random source that hands out the given byte arrays in turn, then repeats the last. */
export function sequenceRandom(...sequences: number[][]): RandomBytes & { calls: number } {
  const source = Object.assign(
    (length: number) => {
      const bytes = sequences[Math.min(source.calls, sequences.length - 1)] ?? [];
      source.calls += 1;
      expect(bytes.length).toBe(length);
      return Uint8Array.from(bytes);
    },
    { calls: 0 },
  );
  return source;
}

/** Awaits an operation that must be refused and returns its AppError. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error(`expected a refusal, but the operation returned ${JSON.stringify(outcome)}`);
}

/** Asserts that a message key exists in both catalogues. */
export function expectKeyInCatalogues(key: string): void {
  expect(Object.keys(en), `en messages.json lacks ${key}`).toContain(key);
  expect(Object.keys(ja), `ja messages.json lacks ${key}`).toContain(key);
}

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A client with a running, a person-paused and a draft experiment. */
export async function clientWithExperiments(quota = 20, now = T0): Promise<Client> {
  const client = await createClient(clientInput({ quota }), { now });
  const make = async (name: string) => (await createExperiment(client.orgId, { name }, { now })).id as number;
  const running = await make('running');
  const personPaused = await make('person-paused');
  await make('draft');
  await startExperiment(client.orgId, running, { now });
  await startExperiment(client.orgId, personPaused, { now });
  await pauseExperiment(client.orgId, personPaused, { now });
  return client;
}

/** Each experiment of the org by name: its status and what paused it. */
export async function experimentStates(orgId: string): Promise<Record<string, [string, string | undefined]>> {
  return Object.fromEntries((await listExperiments(orgId)).map((e) => [e.name, [e.status, e.pausedBy]]));
}
