// Connects the official socket.io-client over WebSocket to a cluster's public URL, first
// <count> times one after another (connect, then close), then <count> clients at once.
// Prints failures and "N passed, N failed"; exits non-zero on any failure.
// Usage: node connect-storm.js http://127.0.0.1:3000 1000
const { io } = require("socket.io-client");
const url = process.argv[2] || "http://127.0.0.1:3000";
const count = Number(process.argv[3] || 1000);
let passed = 0, failed = 0;

function connect() {
  const c = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, timeout: 20000 });
  return new Promise((resolve) => {
    const timer = setTimeout(() => { c.close(); resolve(["timeout", c]); }, 30000);
    c.on("connect", () => { clearTimeout(timer); resolve([null, c]); });
    c.on("connect_error", (e) => { clearTimeout(timer); c.close(); resolve([e.message, c]); });
  });
}
const tally = (name, errors) => {
  const bad = errors.filter(Boolean);
  if (bad.length === 0) { passed++; console.log(`ok - ${name}`); }
  else { failed++; console.log(`not ok - ${name}: ${bad.length} failed, e.g. ${bad[0]}`); }
};

(async () => {
  const sequential = [];
  for (let i = 0; i < count; i++) {
    const [error, c] = await connect();
    sequential.push(error);
    c.close();
  }
  tally(`${count} sequential WebSocket connects`, sequential);
  const concurrent = await Promise.all(Array.from({ length: count }, () => connect()));
  tally(`${count} concurrent WebSocket connects`, concurrent.map(([e]) => e));
  concurrent.forEach(([, c]) => c.close());
})().finally(() => {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
});
