// Preloaded into the CDK app by test/infra/app.test.ts: any attempt to reach the network fails loudly.
import dns from 'node:dns';
import net from 'node:net';

const refuse = (what) => () => {
  throw new Error(`network access during synthesis: ${what}`);
};
net.Socket.prototype.connect = refuse('socket');
dns.lookup = refuse('dns');
dns.promises.lookup = refuse('dns');
globalThis.fetch = refuse('fetch');
