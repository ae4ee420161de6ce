/**
 * The screenshot fetcher (src/runs/screenshotFetch.ts) with the platform fetch over real sockets: the
 * simulator's signed PNG links (no key sent), and a local image server for what the simulator does not
 * serve (JPEG, WebP, GIF, SVG, redirects, oversized and slow bodies). The fetch handed in is Node's own,
 * only counted, never replaced.
 */
import assert from 'node:assert/strict';
import { createServer, get, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraniteClient } from '../../../src/core/api/client';
import { RunsApi } from '../../../src/core/api/runsApi';
import {
  ScreenshotFetcher,
  screenshotConcurrency,
  screenshotsPerView,
  type PlatformFetch,
} from '../../../src/runs/screenshotFetch';
import { startSimulator, type Simulator } from '../../simulator/server';
import { traceKind } from '../../simulator/traces';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const bodies: Record<string, Buffer> = {
  '/a.png': png,
  '/a.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]),
  '/a.gif': Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'),
  '/a.webp': Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8 ')]),
  // Served with an image type: the bytes decide, not the header.
  '/a.svg': Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  '/a.html': Buffer.from('<!doctype html><p>login</p>'),
};

interface ImageServer {
  url: string;
  hits: string[];
  maxConcurrent: number;
  headers: Record<string, string | string[] | undefined>[];
  close(): Promise<void>;
}

async function startImageServer(): Promise<ImageServer> {
  const state = { hits: [] as string[], active: 0, maxConcurrent: 0, headers: [] as ImageServer['headers'] };
  const server: Server = createServer((req, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0]!;
    state.hits.push(path);
    state.headers.push(req.headers);
    state.active++;
    state.maxConcurrent = Math.max(state.maxConcurrent, state.active);
    res.on('close', () => state.active--);
    if (path === '/redirect') {
      res.writeHead(302, { Location: '/a.png' }).end();
    } else if (path === '/big') {
      // 6 MB in 64 KB chunks without a Content-Length: only counting while streaming can stop it.
      res.writeHead(200, { 'Content-Type': 'image/png' });
      let sent = 0;
      const chunk = Buffer.concat([png, Buffer.alloc(64 * 1024 - png.length)]);
      const pump = () => {
        while (sent < 6 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else if (path === '/declared-big') {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(6 * 1024 * 1024) });
      res.write(png);
    } else if (path.startsWith('/slow/')) {
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'image/png' }).end(png), 40);
    } else if (bodies[path]) {
      res.writeHead(200, { 'Content-Type': path === '/a.svg' ? 'image/png' : 'application/octet-stream' });
      res.end(bodies[path]);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return state.hits;
    },
    get maxConcurrent() {
      return state.maxConcurrent;
    },
    get headers() {
      return state.headers;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Node's fetch, counted. */
function countedFetch(): { fetch: PlatformFetch; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: (input, init) => (calls.push(input instanceof Request ? input.url : input.toString()), fetch(input, init)),
  };
}

describe('screenshot fetcher over real sockets', function () {
  let images: ImageServer;
  before(async () => (images = await startImageServer()));
  after(async () => images.close());
  beforeEach(() => {
    images.hits.length = 0;
    images.headers.length = 0;
  });

  it('PNG, JPEG, GIF and WebP by their first bytes, as data: URLs; SVG and HTML refused whatever their type', async () => {
    const fetcher = new ScreenshotFetcher({ fetch });
    const paths = ['/a.png', '/a.jpg', '/a.gif', '/a.webp', '/a.svg', '/a.html'];
    const shots = await fetcher.fetchAll(paths.map((p) => `${images.url}${p}`));
    const expected = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
    for (const [i, mime] of expected.entries()) {
      const shot = shots[i]!;
      assert.ok(shot.ok, paths[i]);
      assert.equal(shot.mime, mime);
      assert.equal(shot.dataUrl, `data:${mime};base64,${bodies[paths[i]!]!.toString('base64')}`);
    }
    for (const shot of shots.slice(4)) {
      assert.ok(!shot.ok);
      assert.match(shot.message, /not a PNG, JPEG, WebP or GIF/);
    }
  });

  it('5 MB cap: a streamed body is stopped past it, a declared one refused before reading', async () => {
    const fetcher = new ScreenshotFetcher({ fetch });
    const [streamed, declared] = await fetcher.fetchAll([`${images.url}/big`, `${images.url}/declared-big`]);
    for (const shot of [streamed!, declared!]) {
      assert.ok(!shot.ok);
      assert.match(shot.message, /larger than 5 MB/);
    }
  });

  it('a redirect is refused, not followed, and the message does not quote the signed link', async () => {
    const fetcher = new ScreenshotFetcher({ fetch });
    const [shot] = await fetcher.fetchAll([`${images.url}/redirect?signature=secret123`]);
    assert.ok(shot && !shot.ok);
    assert.deepEqual(images.hits, ['/redirect']);
    assert.ok(!shot.message.includes('secret123'), shot.message);
  });

  it('http to another host, and links with credentials, are refused without a request', async () => {
    const counted = countedFetch();
    const fetcher = new ScreenshotFetcher({ fetch: counted.fetch });
    const shots = await fetcher.fetchAll([
      'http://example.com/a.png?signature=s',
      'http://10.0.0.8/a.png',
      'ftp://example.com/a.png',
      `http://user:pw@127.0.0.1:1/a.png`,
      'not a url',
    ]);
    assert.ok(shots.every((s) => !s.ok));
    assert.deepEqual(counted.calls, []);
    assert.match((shots[0] as { message: string }).message, /https/);
    assert.ok(!(shots[0] as { message: string }).message.includes('signature'));
  });

  it('at most 4 at a time, at most 50 per view', async () => {
    const fetcher = new ScreenshotFetcher({ fetch });
    const urls = Array.from({ length: 60 }, (_, i) => `${images.url}/slow/${i}`);
    const seen: number[] = [];
    const shots = await fetcher.fetchAll(urls, (s) => seen.push(s.index));
    assert.equal(images.maxConcurrent, screenshotConcurrency);
    assert.equal(images.hits.length, screenshotsPerView);
    assert.equal(shots.filter((s) => s.ok).length, screenshotsPerView);
    assert.equal(seen.length, 60, 'each one reported as it settles');
    assert.match((shots[55] as { message: string }).message, /at most 50/);
    const later = await fetcher.fetchAll([`${images.url}/a.png`]);
    assert.ok(!later[0]!.ok, 'the view has used its 50');
    assert.equal(images.hits.length, screenshotsPerView);
  });
});

describe("screenshot fetcher on the simulator's signed links", function () {
  let sim: Simulator;
  const now = Date.UTC(2026, 10, 26, 12, 0, 0);
  before(async () => {
    sim = await startSimulator({ seed: 11, workflows: 6, days: 10, executions: 600, clock: { now: () => now } });
  });
  after(async () => sim.stop());

  it('real PNGs, byte for byte as served, with no key, cookie or authorization sent', async () => {
    const api = new RunsApi(new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => now }));
    const def = sim.dataset.workflows.find((_, i) => traceKind(i) === 'latestRun')!;
    const { data } = await api.fetchTrace(def.run_id);
    assert.ok(data.screenshots.length > 0);
    sim.requests.length = 0;
    const shots = await new ScreenshotFetcher({ fetch }).fetchAll(data.screenshots);
    for (const [i, shot] of shots.entries()) {
      assert.ok(shot.ok, shot.ok ? '' : shot.message);
      const raw = await new Promise<Buffer>((resolve, reject) =>
        get(data.screenshots[i]!, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject),
      );
      assert.equal(shot.dataUrl, `data:image/png;base64,${raw.toString('base64')}`);
    }
    const fetched = sim.requests.filter((r) => r.path.startsWith('/sim/screenshots/'));
    assert.equal(fetched.length, data.screenshots.length * 2);
    for (const r of fetched) {
      assert.equal(r.apiKeyPresent, false);
      assert.equal(r.headers.cookie, undefined);
      assert.equal(r.headers.authorization, undefined);
      assert.equal(r.status, 200);
    }
  });
});
