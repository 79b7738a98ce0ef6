// Load one benchmark operation for profiling, e.g. against a gateway started with `node --cpu-prof`:
//   node bench/load-one.mjs --url http://127.0.0.1:4100/graphql --op B1 --seconds 10 [--direct]
// --direct sends the owning subgraph's share with the subgraph secret (point --url at the subgraph).
import autocannon from 'autocannon';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { developmentSecrets } from '../scripts/lib/runtime.mjs';
import { prepareOperations } from './operations.mjs';

const require = createRequire(import.meta.url);
const { GATEWAY_SECRET_HEADER } = require('@kinga/shared');

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
    op: { type: 'string', default: 'B1' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    rate: { type: 'string' },
    direct: { type: 'boolean', default: false },
  },
});
const secrets = developmentSecrets();
const operations = await prepareOperations({ gatewayUrl: 'http://127.0.0.1:4000/graphql', secrets });
const op = operations.find((o) => o.id === values.op);
if (!op) throw new Error(`no operation ${values.op}`);
const bodies = values.direct ? op.directBodies : op.bodies;
let next = 0;
const result = await autocannon({
  url: values.url,
  method: 'POST',
  connections: Number(values.connections),
  duration: Number(values.seconds),
  ...(values.rate ? { overallRate: Number(values.rate) } : {}),
  headers: {
    'content-type': 'application/json',
    ...op.headers,
    ...(values.direct ? { [GATEWAY_SECRET_HEADER]: secrets.SUBGRAPH_SECRET } : {}),
  },
  body: bodies[0],
  requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
});
console.log(
  `${op.id} ${values.url}: ${result.requests.average} rps, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
);
