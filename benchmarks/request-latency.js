// Round-trip latency of cluster-wide requests through a cluster's public port, seen by the
// official socket.io-client: "who" (fetchSockets on every worker) and "cluster" (server-side
// emit with acks to every other worker), as the probe contract defines them.
// Usage: node benchmarks/request-latency.js <url> [clients=100] [requests=500]
// Prints one JSON line: {url, clients, requests, who: {p50, p99}, cluster: {p50, p99}} in ms.
const path = require("path");
const { io } = require(path.join(__dirname, "..", "js-clients", "node_modules", "socket.io-client"));
const { performance } = require("perf_hooks");

const [url = "http://127.0.0.1:3000", clientCount = "100", requestCount = "500"] = process.argv.slice(2);
const ack = (c, ...args) => new Promise((r) => c.emit(...args, r));
// A connect that hangs (the Node reference's sticky router leaves some hanging) is given up
// after 5 s and tried again; the count of such retries is reported.
let retries = 0;
const connectOnce = () => new Promise((resolve, reject) => {
  const c = io(url, { transports: ["websocket"], forceNew: true, reconnection: false });
  const timer = setTimeout(() => { c.close(); reject(new Error("connect timeout")); }, 5000);
  c.on("connect", () => { clearTimeout(timer); resolve(c); });
  c.on("connect_error", (e) => { clearTimeout(timer); c.close(); reject(e); });
});
const connect = async () => {
  for (;;) {
    try { return await connectOnce(); } catch (e) { if (++retries > 100) throw e; }
  }
};
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function measure(client, event, arg, n) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await (arg === undefined ? ack(client, event) : ack(client, event, arg));
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: +quantile(samples, 0.5).toFixed(3), p99: +quantile(samples, 0.99).toFixed(3) };
}

(async () => {
  const clients = [];
  for (let i = 0; i < Number(clientCount); i++) clients.push(await connect());
  const n = Number(requestCount);
  await measure(clients[0], "who", null, Math.min(50, n));
  const who = await measure(clients[0], "who", null, n);
  const cluster = await measure(clients[0], "cluster", undefined, n);
  console.log(JSON.stringify({ url, clients: clients.length, requests: n, connectRetries: retries, who, cluster }));
  clients.forEach((c) => c.close());
  process.exit(0);
})().catch((e) => { console.error(e.message); process.exit(1); });
