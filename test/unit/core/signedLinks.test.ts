/**
 * Signed links' queries never reach a log line or a message (src/core/api/errors.ts `redact`): the
 * simulator's screenshot links and the shapes of real storage providers, while API URLs keep their query.
 */
import assert from 'node:assert/strict';
import { redact, redactSignedQueries } from '../../../src/core/api/errors';
import { startSimulator } from '../../simulator/server';
import { traceBody, traceKind } from '../../simulator/traces';

describe('signed links in text', () => {
  it('drops the query of signed links of every common shape, keeping where they pointed', () => {
    const links = [
      'https://storage.googleapis.com/b/shot.png?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=a%2Fb&X-Goog-Signature=abc123',
      'https://storage.googleapis.com/b/shot.png?GoogleAccessId=x@y&Expires=1700000000&Signature=abc%2B123',
      'https://bucket.s3.amazonaws.com/shot.png?X-Amz-Date=20261126T000000Z&X-Amz-Signature=deadbeef',
      'https://acct.blob.core.windows.net/c/shot.png?sv=2022-11-02&se=2026-11-27&sp=r&sig=abc%3D',
      'https://d1.cloudfront.net/shot.png?Policy=eyJ&Signature=abc&Key-Pair-Id=K1',
      'http://127.0.0.1:8787/sim/screenshots/run_1/1.png?expires=1700000000&signature=0a1b2c3d',
    ];
    for (const link of links) {
      const line = `GET ${link} → 403 · Not loaded`;
      const out = redactSignedQueries(line);
      const base = link.split('?')[0]!;
      assert.equal(out, `GET ${base}?«signed query redacted» → 403 · Not loaded`);
      assert.equal(redact(`"${link}"`), `"${base}?«signed query redacted»"`);
    }
  });

  it('keeps the query of the API routes (they carry no credential)', () => {
    const line =
      'GET http://127.0.0.1:1/api/organizations/o/automations/r/executions?limit=50&skip=0&status=failed → 200';
    assert.equal(redact(line), line);
  });

  it("every link of the simulator's traces is caught", async () => {
    const now = Date.UTC(2026, 10, 26, 12, 0, 0);
    const sim = await startSimulator({ seed: 3, workflows: 6, days: 5, executions: 200, clock: { now: () => now } });
    try {
      let links = 0;
      for (const [i, def] of sim.dataset.workflows.entries()) {
        if (traceKind(i) === 'none') continue;
        const trace = traceBody(
          { dataset: sim.dataset, now, origin: sim.url, query: new URLSearchParams() },
          def.run_id,
        )!;
        for (const link of [...trace.screenshots, trace.recording?.signed_url ?? '']) {
          if (!link) continue;
          links++;
          assert.ok(!redact(`see ${link}`).includes('signature='), link);
        }
      }
      assert.ok(links > 3);
    } finally {
      await sim.stop();
    }
  });
});
