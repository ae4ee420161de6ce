import assert from 'node:assert/strict';
import { buildRunUrl, defaultAppUrl } from '../../../src/runs/runLink';

describe('run links', () => {
  it('fills the placeholders, URL-encoded', () => {
    const link = buildRunUrl(
      'https://app.getgranite.ai/runs/{runId}/executions/{executionId}',
      { executionId: 'exec 1/2', runId: 'run_9' },
      defaultAppUrl,
    );
    assert.deepEqual(link, { ok: true, url: 'https://app.getgranite.ai/runs/run_9/executions/exec%201%2F2' });
  });

  it('defaults to the app when the template is empty', () => {
    assert.deepEqual(buildRunUrl('', { executionId: 'e' }, defaultAppUrl), {
      ok: true,
      url: 'https://app.getgranite.ai/',
    });
  });

  it('refuses anything but https on the app host', () => {
    for (const template of [
      'http://app.getgranite.ai/{executionId}',
      'https://evil.example/{executionId}',
      'javascript:alert(1)//{executionId}',
      'https://user:pw@app.getgranite.ai/',
      'command:workbench.action.terminal.new',
    ]) {
      const link = buildRunUrl(template, { executionId: 'e' }, defaultAppUrl);
      assert.equal(link.ok, false, template);
    }
    assert.equal(buildRunUrl('https://app.getgranite.ai.evil.example/', { executionId: 'e' }, defaultAppUrl).ok, false);
  });

  it('cannot be steered by an id', () => {
    const link = buildRunUrl(
      'https://app.getgranite.ai/x/{executionId}',
      { executionId: '@evil.example/' },
      defaultAppUrl,
    );
    assert.ok(link.ok);
    if (link.ok) assert.equal(new URL(link.url).host, 'app.getgranite.ai');
    const hostTemplate = buildRunUrl('https://{executionId}', { executionId: 'evil.example' }, defaultAppUrl);
    assert.equal(hostTemplate.ok, false);
  });

  it('refuses a non-https app URL', () => {
    assert.equal(buildRunUrl('', { executionId: 'e' }, 'http://app.getgranite.ai').ok, false);
  });
});
