// Drives the probe contract across hosts that share one Redis: Java hosts (a primary and its
// workers, through its public port) and Node.js servers with @socket.io/redis-adapter. Two
// clients per host; every cluster-wide operation is started from each host in turn and must
// reach the clients of every other. Prints "ok"/"not ok" per check, then "N passed, M failed".
// Usage: node multi-host.js <expected servers> <url> [<url> ...]
const { io } = require("socket.io-client");

const [expectedServers, ...urls] = process.argv.slice(2);
let passed = 0;
let failed = 0;
const check = (name, ok, detail) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok" : "not ok"} - ${name}${ok ? "" : " " + JSON.stringify(detail)}`);
};
const connect = (url, transports) => new Promise((resolve, reject) => {
  const socket = io(url, { transports, reconnection: false, forceNew: true });
  socket.once("connect", () => resolve(socket));
  socket.once("connect_error", reject);
});
const call = (socket, event, ...args) => socket.timeout(10000).emitWithAck(event, ...args);
const next = (socket, event, ms = 5000) => new Promise((resolve) => {
  const timer = setTimeout(() => resolve(null), ms);
  socket.once(event, (...args) => {
    clearTimeout(timer);
    resolve(args);
  });
});
const silentFor = (socket, event, ms) => new Promise((resolve) => {
  const listener = () => resolve(false);
  socket.once(event, listener);
  setTimeout(() => {
    socket.off(event, listener);
    resolve(true);
  }, ms);
});
const isBinary = (value) => Buffer.isBuffer(value) || value instanceof ArrayBuffer;
const bytesOf = (value) => [...new Uint8Array(value)];

(async () => {
  const clients = [];
  for (const [host, url] of urls.entries()) {
    for (const transports of [["websocket"], ["polling"]]) {
      const socket = await connect(url, transports);
      const me = await call(socket, "whoami");
      clients.push({ socket, host, id: me.id, worker: me.worker });
    }
  }
  const all = clients.map((c) => c.socket);
  const workers = new Set(clients.map((c) => c.worker));
  check("worker ids are unique across hosts", workers.size >= urls.length, [...workers]);

  for (const c of clients.filter((_, i) => i % 2 === 0)) {
    const answer = await call(c.socket, "cluster");
    check(`host ${c.host} counts ${expectedServers} servers`, answer.servers === Number(expectedServers), answer);
  }

  let members = 0;
  for (const c of clients) members = (await call(c.socket, "join", "everyone")).members;
  check("join counts members on every host", members === clients.length, members);

  for (const c of clients.filter((_, i) => i % 2 === 0)) {
    const got = Promise.all(all.map((s) => next(s, "message")));
    c.socket.emit("message", { room: "everyone", text: `from ${c.host}` });
    const messages = await got;
    check(`room message from host ${c.host} reaches every host's clients`,
      messages.every((m) => m && m[0].text === `from ${c.host}` && m[0].from === c.id), messages);
  }

  for (const c of clients.filter((_, i) => i % 2 === 1)) {
    const got = Promise.all(all.map((s) => next(s, "broadcast")));
    c.socket.emit("broadcast", Buffer.from([c.host, 1, 2, 255]));
    const received = await got;
    check(`binary broadcast from host ${c.host} arrives as binary everywhere`,
      received.every((r) => r && isBinary(r[0]) && bytesOf(r[0]).join() === [c.host, 1, 2, 255].join()),
      received.map((r) => r && typeof r[0]));
  }

  const excluded = clients[clients.length - 1];
  await call(excluded.socket, "join", "muted");
  {
    const others = clients.filter((c) => c !== excluded);
    const got = Promise.all(others.map((c) => next(c.socket, "broadcast")));
    const quiet = silentFor(excluded.socket, "broadcast", 1500);
    clients[0].socket.emit("broadcast-except", { except: "muted", payload: { x: 1 } });
    const received = await got;
    check("broadcast-except reaches everyone else on every host", received.every((r) => r && r[0].x === 1), received);
    check("broadcast-except skips the excluded room's member on another host", await quiet);
  }

  for (const c of clients.filter((_, i) => i % 2 === 0)) {
    const who = await call(c.socket, "who", "everyone");
    check(`who from host ${c.host} lists every socket with its worker`,
      who.length === clients.length && clients.every((x) => who.some((s) => s.id === x.id && s.worker === x.worker)), who);
  }

  clients.forEach((c) => c.socket.on("ready?", (question, ack) => ack(`${c.id}:${question}`)));
  for (const c of clients.filter((_, i) => i % 2 === 1)) {
    const answer = await call(c.socket, "ready-check", { room: "everyone", question: "go", timeoutMs: 3000 });
    check(`ready-check from host ${c.host} collects every client's ack`,
      !answer.timedOut && answer.responses.length === clients.length
        && clients.every((x) => answer.responses.includes(`${x.id}:go`)), answer);
  }

  await call(clients[1].socket, "move", { from: "everyone", to: "moved" });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const moved = await call(clients[clients.length - 2].socket, "who", "moved");
  check("move started on one host joins the sockets of every host", moved.length === clients.length, moved);
  await call(clients[clients.length - 1].socket, "evict", { room: "moved", from: "moved" });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const evicted = await call(clients[0].socket, "who", "moved");
  check("evict started on another host empties the room everywhere", evicted.length === 0, evicted);

  const kicked = Promise.all(all.map((s) => next(s, "disconnect", 8000)));
  await call(clients[0].socket, "kick", "everyone");
  const reasons = await kicked;
  check("kick started on one host disconnects every host's clients with io server disconnect",
    reasons.every((r) => r && r[0] === "io server disconnect"), reasons);

  all.forEach((s) => s.close());
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})().catch((error) => {
  console.error(error);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
