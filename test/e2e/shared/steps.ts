// Steps the shared scenarios have in common, written against the driver (../driver.ts).

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { type Driver, type DriverPage, byRole, byTestId } from '../driver';
import { waitUntil } from '../wait';

/** `expect.poll` with a deadline fit for a real browser (vitest's default is one second). */
export function eventually<T>(probe: () => Promise<T>) {
  return expect.poll(probe, { timeout: 10_000, interval: 50 });
}

/** Opens the dashboard, loads the sample agency (8 clients, a pool of 50,000) and waits for the list. */
export async function dashboardWithSample(driver: Driver, hash = ''): Promise<DriverPage> {
  const page = await driver.open(`options.html${hash}`);
  await page.setViewport(1280, 900);
  await page.click(byRole('button', 'Load sample data'));
  await page.waitForText(byTestId('client-count'), 'Clients in the roster: 8');
  return page;
}

/** Waits until the page has the extension's database open, created at its current version. */
export async function databaseReady(page: DriverPage): Promise<void> {
  // Not expect.poll: this also runs in beforeAll, where expect.poll cannot.
  await waitUntil(
    () => page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'agency-desk'), undefined),
    (open) => open,
    () => 'the page to create the agency-desk database',
  );
}

/** Changes the stored settings straight in IndexedDB (as older or imported data would hold them). */
export async function patchSettings(page: DriverPage, patch: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (changes) => {
    const request = indexedDB.open('agency-desk');
    const database = await new Promise<IDBDatabase>((done, fail) => {
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const transaction = database.transaction('meta', 'readwrite');
    const store = transaction.objectStore('meta');
    const read = store.get('settings');
    await new Promise((done) => (read.onsuccess = done));
    const record = read.result as { key: 'settings'; value: Record<string, unknown> };
    store.put({ key: 'settings', value: { ...record.value, ...changes } });
    await new Promise((done, fail) => {
      transaction.oncomplete = done;
      transaction.onerror = () => fail(transaction.error);
    });
    database.close();
  }, patch);
}

/** The Org ID of a client, read from the extension's database. */
export async function orgIdOf(page: DriverPage, name: string): Promise<string> {
  const orgId = await page.evaluate(async (wanted) => {
    const request = indexedDB.open('agency-desk');
    const database = await new Promise<IDBDatabase>((done, fail) => {
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const all = database.transaction('clients').objectStore('clients').getAll();
    const clients = await new Promise<{ orgId: string; name: string }[]>((done, fail) => {
      all.onsuccess = () => done(all.result as { orgId: string; name: string }[]);
      all.onerror = () => fail(all.error);
    });
    database.close();
    return clients.find((client) => client.name === wanted)?.orgId;
  }, name);
  if (!orgId) throw new Error(`no client named ${name}`);
  return orgId;
}

export interface RecordingServer {
  server: Server;
  origin: string;
  /** Paths asked for so far, in order. */
  paths: string[];
  close(): Promise<void>;
}

/** A stand-in for the SaaS on 127.0.0.1: every path is a page with a heading; it keeps what was asked. */
export async function startWorkspaceServer(): Promise<RecordingServer> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="en"><head><title>Workspace</title></head><body><main><h1>Workspace ${request.url ?? ''}</h1></main></body></html>`,
    );
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    server,
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
