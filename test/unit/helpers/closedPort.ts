/**
 * A loopback port nothing listens on (bound, then closed): connecting is refused, so a request sent there
 * cannot have reached Granite. Used by the write API's tests (test/unit/core/runsWriteApi.test.ts) and the
 * fault matrix (test/reliability/host/faultMatrix.test.ts) for the "connection refused" case.
 */
import { createServer } from 'node:net';

export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
