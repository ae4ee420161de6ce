/**
 * Witness servers: loopback HTTP(S) servers that record every request exactly as received (headers
 * unredacted, unlike the simulator's log), optionally forwarding it to a simulator so they can stand in
 * for a working Granite. Every witness started in the run is kept, so the secret-hygiene suite can check,
 * at the end, which keys reached which server.
 */
import { createServer, request, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSelfSignedServer } from '../../unit/helpers/tlsServer';

export interface WitnessedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Witness {
  /** What the witness stands for, in failure messages. */
  name: string;
  url: string;
  origin: string;
  /** The only API key this server may ever receive (undefined: none at all). */
  expectedKey?: string;
  requests: WitnessedRequest[];
  stop(): Promise<void>;
}

export interface WitnessOptions {
  name: string;
  expectedKey?: string;
  /** Forward every request to this http:// URL (a simulator) and relay its answer. */
  forwardTo?: string;
  /** Serve https with a fresh self-signed certificate (clients must refuse it). */
  tls?: boolean;
}

/** Every witness of this run, stopped or not. */
export const witnesses: Witness[] = [];

function relay(target: string, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  upstream.end(body);
}

export async function startWitness(options: WitnessOptions): Promise<Witness> {
  const requests: WitnessedRequest[] = [];
  const listener: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: { ...req.headers },
        body: body.toString('utf8'),
      });
      if (options.forwardTo) {
        relay(options.forwardTo, req, body, res);
        return;
      }
      // A plausible-looking but useless answer: whatever the client does next, it must not be here.
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ detail: 'Not Found' }));
    });
  };
  let url: string;
  let stop: () => Promise<void>;
  if (options.tls) {
    const server = await startSelfSignedServer(listener);
    ({ url, stop } = server);
  } else {
    const server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stop = () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
  }
  const witness: Witness = {
    name: options.name,
    url,
    origin: new URL(url).origin,
    expectedKey: options.expectedKey,
    requests,
    stop,
  };
  witnesses.push(witness);
  return witness;
}

/** The API keys a witness received, one entry per request that carried one. */
export function keysReceived(witness: Witness): string[] {
  return witness.requests.flatMap((r) => {
    const value = r.headers['x-granite-api-key'];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  });
}
