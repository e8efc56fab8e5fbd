import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@cau/testing';
import { startGateway, type GatewayFixture } from './gateway-fixture.js';

const run = promisify(execFile);

/**
 * The portal's API types (portal/src/api/schema.d.ts) are generated from this gateway's OpenAPI document;
 * a change to the API that is not regenerated fails here, not in a browser.
 */
describe("the portal's generated API client", () => {
  let f: GatewayFixture;
  let dir: string;

  beforeAll(async () => {
    f = await startGateway('gwportalapi');
    dir = mkdtempSync(path.join(tmpdir(), 'cau-openapi-'));
  });

  afterAll(async () => {
    await f?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('matches the OpenAPI document the gateway serves', async () => {
    const answer = await fetch(`${f.gateway.url}/api/docs-json`);
    expect(answer.status).toBe(200);
    const documentFile = path.join(dir, 'openapi.json');
    writeFileSync(documentFile, await answer.text());
    const script = path.join(repoRoot(), 'portal', 'scripts', 'generate-api.mjs');
    const checked = await run(process.execPath, [script, '--input', documentFile, '--check']).then(
      ({ stdout }) => ({ ok: true, output: stdout }),
      (error: Error & { stderr?: string }) => ({ ok: false, output: error.stderr ?? error.message }),
    );
    expect(checked).toEqual({ ok: true, output: expect.stringContaining('match') });
  });
});
