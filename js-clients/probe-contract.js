// Runs every row of the probe contract against a cluster's public URL with the official
// socket.io-client, clients spread over the workers and over both transports. Prints one
// "ok - <row>" or "not ok - <row>: <reason>" line per check, then "N passed, N failed";
// exits non-zero when anything failed.
// Usage: node probe-contract.js http://127.0.0.1:3000
const { io } = require("socket.io-client");
const url = process.argv[2] || "http://127.0.0.1:3000";
const TIMEOUT = 5000;
let passed = 0, failed = 0;

function check(name, condition, detail) {
  if (condition) { passed++; console.log(`ok - ${name}`); }
  else { failed++; console.log(`not ok - ${name}: ${detail === undefined ? "" : JSON.stringify(detail)}`); }
}
const withTimeout = (p, what) => Promise.race([p,
  new Promise((_, reject) => setTimeout(() => reject(new Error(`timeout: ${what}`)), TIMEOUT))]);
const ack = (c, ...args) => withTimeout(new Promise((r) => c.emit(...args, r)), args[0]);
const next = (c, event) => withTimeout(new Promise((r) => c.once(event, (...a) => r(a))), event);
const none = (c, event, ms = 400) => new Promise((r) => {
  const f = () => { clearTimeout(t); r(false); };
  const t = setTimeout(() => { c.off(event, f); r(true); }, ms);
  c.once(event, f);
});
function connect(transports) {
  const c = io(url, { transports, reconnection: false, forceNew: true });
  return withTimeout(new Promise((r, j) => { c.on("connect", () => r(c)); c.on("connect_error", j); }), "connect");
}

(async () => {
  // least-connection may send a run of new clients to one worker that has fewer than the
  // others: connect until two workers serve some, polling and WebSocket alike
  const clients = [];
  const workersOf = () => new Set(clients.map((c) => c.worker));
  while (clients.length < 6 || (workersOf().size < 2 && clients.length < 40)) {
    const c = await connect(clients.length % 3 === 2 ? ["polling"] : ["websocket"]);
    const w = await ack(c, "whoami");
    c.worker = w.worker;
    c.whoami = w;
    clients.push(c);
  }
  check("whoami answers the socket's own id", clients.every((c) => c.whoami.id === c.id), clients.map((c) => c.whoami));
  const workers = [...workersOf()];
  check("clients spread over at least two workers", workers.length >= 2, workers);
  const a = clients.find((c) => c.worker === workers[0]);
  const b = clients.find((c) => c.worker === workers[1]);
  const poller = clients.find((c) => c.io.engine.transport.name === "polling");
  const outsiders = clients.filter((c) => c !== a && c !== b);

  check("echo returns JSON unchanged", JSON.stringify(await ack(a, "echo", { x: [1, "y", null] })) === '{"x":[1,"y",null]}');
  const bytes = Buffer.from([0, 1, 2, 250, 255]);
  for (const c of [a, poller]) {
    const back = await ack(c, "echo", bytes);
    check(`echo returns binary over ${c.io.engine.transport.name}`, Buffer.isBuffer(back) && back.equals(bytes), back);
  }

  const joinA = await ack(a, "join", "r");
  const joinB = await ack(b, "join", "r");
  check("join counts members cluster-wide", joinA.members === 1 && joinB.members === 2 && joinB.worker === b.worker, [joinA, joinB]);

  const gotB = next(b, "message");
  const outsiderSilent = none(outsiders[0], "message");
  a.emit("message", { room: "r", text: "hello" });
  const [msg] = await gotB;
  check("message reaches a room member on another worker", msg.text === "hello" && msg.from === a.id && msg.worker === a.worker, msg);
  check("message skips sockets outside the room", await outsiderSilent);

  let received = clients.map((c) => next(c, "broadcast"));
  a.emit("broadcast", { n: 1 });
  check("broadcast reaches every socket, sender included", (await Promise.all(received)).every(([p]) => p.n === 1));
  received = clients.map((c) => next(c, "broadcast"));
  b.emit("broadcast", bytes);
  check("binary broadcast arrives as binary everywhere",
    (await Promise.all(received)).every(([p]) => Buffer.isBuffer(p) && p.equals(bytes)));

  const silentA = none(a, "broadcast"), silentB = none(b, "broadcast");
  received = outsiders.map((c) => next(c, "broadcast"));
  a.emit("broadcast-except", { except: "r", payload: "x" });
  check("broadcast-except reaches the others", (await Promise.all(received)).every(([p]) => p === "x"));
  check("broadcast-except skips the excepted room", (await silentA) && (await silentB));

  const local = clients.filter((c) => c.worker === a.worker), remote = clients.filter((c) => c.worker !== a.worker);
  received = local.map((c) => next(c, "broadcast"));
  const remoteSilent = Promise.all(remote.map((c) => none(c, "broadcast")));
  a.emit("local-broadcast", "here");
  check("local-broadcast reaches the caller's worker", (await Promise.all(received)).every(([p]) => p === "here"));
  check("local-broadcast stays on the caller's worker", (await remoteSilent).every(Boolean));

  const inRoom = await ack(outsiders[0], "who", "r");
  check("who lists a room's sockets across workers",
    inRoom.length === 2 && inRoom.some((s) => s.id === a.id && s.worker === a.worker && s.rooms.includes("r"))
      && inRoom.some((s) => s.id === b.id && s.worker === b.worker), inRoom);
  const everyone = await ack(a, "who", null);
  check("who without a room lists every socket", clients.every((c) => everyone.some((s) => s.id === c.id)), everyone.length);
  check("who leaves the socket's own id out of its rooms", everyone.every((s) => !s.rooms.includes(s.id)));

  const cl = await ack(b, "cluster");
  check("cluster counts the servers", cl.servers === workers.length && cl.worker === b.worker, cl);

  check("move answers true", (await ack(a, "move", { from: "r", to: "r2" })) === true);
  const moved = await ack(b, "who", "r2");
  check("move joins sockets on every worker", moved.length === 2, moved);
  check("evict answers true", (await ack(a, "evict", { room: "r2", from: "r" })) === true);
  check("evict leaves sockets on every worker", (await ack(b, "who", "r2")).length === 0);

  a.on("ready?", (q, cb) => cb(`a:${q}`));
  b.on("ready?", (q, cb) => cb(`b:${q}`));
  const ready = await ack(outsiders[0], "ready-check", { room: "r", question: "go", timeoutMs: 2000 });
  check("ready-check collects every answer", !ready.timedOut && ready.responses.sort().join() === "a:go,b:go", ready);
  const silent = outsiders[1];
  await ack(silent, "join", "r");
  const partial = await ack(outsiders[0], "ready-check", { room: "r", question: "go", timeoutMs: 500 });
  check("ready-check times out with partial answers", partial.timedOut && partial.responses.length === 2, partial);
  const empty = await ack(outsiders[0], "ready-check", { room: "nobody-here", question: "go", timeoutMs: 3000 });
  check("ready-check of an empty room answers at once", !empty.timedOut && empty.responses.length === 0, empty);

  check("leave answers true", (await ack(silent, "leave", "r")) === true);
  check("leave takes the socket out of the room", (await ack(a, "who", "r")).length === 2);

  const kicked = [a, b].map((c) => withTimeout(new Promise((r) => c.on("disconnect", r)), "kick"));
  check("kick answers true", (await ack(outsiders[0], "kick", "r")) === true);
  const reasons = await Promise.all(kicked);
  check("kick disconnects the room's sockets on every worker", reasons.every((r) => r === "io server disconnect"), reasons);
  check("kick spares the others", outsiders.every((c) => c.connected));

  clients.forEach((c) => c.close());
})().catch((e) => check("contract run", false, e.message)).finally(() => {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
});
