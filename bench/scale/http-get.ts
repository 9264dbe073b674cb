import { Agent, request } from 'node:http';

/**
 * The scale bench's HTTP client: a GET on kept-alive connections with node:http, the body read as
 * bytes and not parsed. The bench measures the server; on a 2-core machine the load generator shares
 * the cores with it, and Node's fetch (undici, WHATWG streams) cost about as much CPU per request as
 * the server's own answer (3.7 ms against 3.2 ms for 我的工单 at PostgreSQL 1M), so the figures said
 * as much about the client as about the server. A browser is on another machine.
 */
export interface HttpAnswer {
  status: number;
  body: Buffer;
}

const agents = new Map<string, Agent>();

/** One agent per origin, as many sockets as loops ask for: each user keeps its own connection. */
function agentFor(origin: string): Agent {
  let agent = agents.get(origin);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 64 });
    agents.set(origin, agent);
  }
  return agent;
}

export function httpGet(url: string, headers: Record<string, string>): Promise<HttpAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(target, { method: 'GET', headers, agent: agentFor(target.origin) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Closes the kept-alive connections (end of a run). */
export function closeHttpAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}
