// A reconnect storm against a cluster serving the sample application's probe contract, with
// connection state recovery on: <count> WebSocket clients join rooms ("storm-0" .. "storm-19"),
// all lose their connections at once (TCP cut, no close frame), <events> messages go to every
// room meanwhile, then all reconnect at once. Each must come back recovered, under its id, with
// every message it missed. Prints progress lines, then one JSON line of totals; exits non-zero on a shortfall.
// Usage: node recovery-storm.js http://127.0.0.1:3000 2000 20 [pause seconds before reconnecting]
const { io } = require("socket.io-client");
const url = process.argv[2] || "http://127.0.0.1:3000";
const count = Number(process.argv[3] || 2000);
const events = Number(process.argv[4] || 20);
const pause = Number(process.argv[5] || 0);
const ROOMS = 20;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function client(i) {
  const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, timeout: 60000 });
  socket.missed = 0;
  socket.on("message", () => socket.missed++);
  return socket;
}
const connected = (socket) => new Promise((resolve) => {
  if (socket.connected) return resolve(true);
  socket.once("connect", () => resolve(true));
  socket.once("connect_error", () => resolve(false));
});

(async () => {
  const sockets = [];
  for (let i = 0; i < count; i++) sockets.push(client(i));
  const up = await Promise.all(sockets.map(connected));
  console.log(`connected ${up.filter(Boolean).length}/${count}`);
  await Promise.all(sockets.map((s, i) => s.timeout(60000).emitWithAck("join", "storm-" + (i % ROOMS)).catch(() => null)));
  // one message each, so that every client has an offset to come back with
  const sender = client(-1);
  await connected(sender);
  for (let r = 0; r < ROOMS; r++) sender.emit("message", { room: "storm-" + r, text: "before" });
  while (sockets.some((s) => s.missed < 1)) await sleep(50);
  for (const s of sockets) {
    s.missed = 0;
    s.firstId = s.id;
  }
  const lost = sockets.map((s) => new Promise((resolve) => s.once("disconnect", resolve)));
  for (const s of sockets) s.io.engine.transport.ws._socket.destroy();
  await Promise.all(lost);
  console.log("all dropped");
  for (let e = 0; e < events; e++) {
    for (let r = 0; r < ROOMS; r++) sender.emit("message", { room: "storm-" + r, text: "while away " + e });
  }
  await sender.timeout(60000).emitWithAck("whoami").catch(() => null);
  if (pause > 0) {
    console.log(`pausing ${pause}s`);
    await sleep(pause * 1000);
  }
  const started = Date.now();
  const back = sockets.map((s) => { s.connect(); return connected(s); });
  await Promise.all(back);
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline && sockets.some((s) => s.recovered && s.missed < events)) await sleep(100);
  const recovered = sockets.filter((s) => s.recovered).length;
  const complete = sockets.filter((s) => s.recovered && s.missed === events && s.id === s.firstId).length;
  const sameId = sockets.filter((s) => s.recovered && s.id === s.firstId).length;
  console.log(JSON.stringify({ clients: count, events, recovered, sameId, complete, reconnectMillis: Date.now() - started }));
  process.exit(complete === count ? 0 : 1);
})();
