// Captures the Redis wire of Socket.IO's own Redis adapter: starts two redis-node-server.js
// ("a" and "b", namespaces "/" and "/admin") on one Redis, watches it with MONITOR, drives
// every adapter operation with the official client, and prints one JSON line per pub/sub
// command the servers sent, labelled with the step that caused it:
//   {step, from, command, args: [hex...]}    from: "a-pub", "b-sub", ... (the CLIENT SETNAME
//                                             of the connection); args: every argument's bytes
// usage: REDIS_URL=redis://127.0.0.1:6390 ADAPTER=classic|sharded node redis-wire-capture.js
// The Redis must be fresh (nothing else publishing on it).
const net = require("net");
const path = require("path");
const { spawn } = require("child_process");
const { io } = require("socket.io-client");

const redisUrl = new URL(process.env.REDIS_URL || "redis://127.0.0.1:6379");
const adapter = process.env.ADAPTER || "classic";
const CAPTURED = new Set(["publish", "spublish", "pubsub", "subscribe", "psubscribe", "ssubscribe",
  "unsubscribe", "punsubscribe", "sunsubscribe"]);

let step = "startup";
let lastTraffic = Date.now();
const frames = [];
const names = new Map(); // client address -> CLIENT SETNAME

// MONITOR prints each argument as sdscatrepr does: quoted, with \\ \" \n \r \t \a \b escapes
// and \xHH for every other byte that is not printable ASCII
function parseMonitorLine(line) {
  const match = /^\+?[\d.]+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
  if (!match) return null;
  const [, address, rest] = match;
  const args = [];
  let i = 0;
  while (i < rest.length) {
    if (rest[i] === " ") { i++; continue; }
    if (rest[i] !== "\"") throw new Error(`unexpected MONITOR output: ${line}`);
    i++;
    const bytes = [];
    while (rest[i] !== "\"") {
      if (rest[i] === "\\") {
        const c = rest[i + 1];
        const simple = { "\\": 0x5c, "\"": 0x22, n: 0x0a, r: 0x0d, t: 0x09, a: 0x07, b: 0x08 };
        if (c === "x") { bytes.push(parseInt(rest.substr(i + 2, 2), 16)); i += 4; }
        else { bytes.push(simple[c]); i += 2; }
      } else {
        bytes.push(rest.charCodeAt(i));
        i++;
      }
    }
    i++;
    args.push(Buffer.from(bytes));
  }
  return { address, args };
}

function monitor() {
  return new Promise((resolve) => {
    const socket = net.connect(Number(redisUrl.port || 6379), redisUrl.hostname, () => {
      socket.write("MONITOR\r\n");
    });
    let buffered = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk) => {
      buffered += chunk;
      let end;
      while ((end = buffered.indexOf("\r\n")) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (line === "+OK") { resolve(socket); continue; }
        const parsed = parseMonitorLine(line);
        if (!parsed || !CAPTURED.has(parsed.args[0].toString().toLowerCase())) continue;
        lastTraffic = Date.now();
        frames.push({ step, address: parsed.address, command: parsed.args[0].toString().toUpperCase(),
          args: parsed.args.slice(1) });
      }
    });
  });
}

function command(...args) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(redisUrl.port || 6379), redisUrl.hostname);
    socket.write(`*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join(""));
    let reply = "";
    socket.on("data", (chunk) => {
      reply += chunk.toString("latin1");
      const header = /^\$(\d+)\r\n/.exec(reply);
      if (header && reply.length >= header[0].length + Number(header[1]) + 2) {
        socket.end();
        resolve(reply.slice(header[0].length, header[0].length + Number(header[1])));
      }
    });
    socket.on("error", reject);
  });
}

function startServer(worker) {
  const child = spawn("node", [path.join(__dirname, "redis-node-server.js")], {
    env: { ...process.env, PORT: "0", ADAPTER: adapter, WORKER: worker, NAMESPACES: "/admin",
      REDIS_URL: redisUrl.toString() },
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.on("exit", (code) => reject(new Error(`server ${worker} exited with ${code}`)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function quiet() {
  await sleep(300);
  while (Date.now() - lastTraffic < 300) await sleep(50);
}
const ack = (c, ...args) => c.timeout(10000).emitWithAck(...args);
function connect(url) {
  const c = io(url, { transports: ["websocket"], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => { c.on("connect", () => resolve(c)); c.on("connect_error", reject); });
}

async function run(name, action) {
  step = name;
  await action();
  await quiet();
}

(async () => {
  const monitorSocket = await monitor();
  const a = await startServer("a");
  const b = await startServer("b");
  await quiet();
  for (const line of (await command("CLIENT", "LIST")).split("\n")) {
    const address = / addr=(\S+)/.exec(line);
    const name = / name=(\S*)/.exec(line);
    if (address && name && name[1]) names.set(address[1], name[1]);
  }

  step = "connect";
  const c1 = await connect(`${a.url}/`);
  const c3 = await connect(`${a.url}/`);
  const c2 = await connect(`${b.url}/`);
  const adminA = await connect(`${a.url}/admin`);
  const adminB = await connect(`${b.url}/admin`);
  for (const c of [c2, c3]) {
    c.on("ready?", (question, cb) => cb(question === "binary?" ? Buffer.from([1, 2, 3]) : `yes:${question}`));
  }
  await quiet();

  await run("join: fetchSockets of one room", async () => {
    await ack(c2, "join", "room1");
    await ack(c3, "join", "room1");
  });
  await run("broadcast", () => { c1.emit("broadcast", { text: "to all" }); });
  await run("room emit", () => { c1.emit("message", { room: "room1", text: "to room1" }); });
  await run("broadcast except a room", () => { c1.emit("broadcast-except", { except: "room1", payload: "not room1" }); });
  await run("volatile broadcast", () => { c1.emit("volatile-broadcast", "volatile"); });
  await run("local broadcast", () => { c1.emit("local-broadcast", "local only"); });
  await run("binary broadcast", () => { c1.emit("broadcast", Buffer.from([0, 1, 2, 250, 255])); });
  await run("emit to a socket id", () => { c1.emit("message", { room: c2.id, text: "to c2" }); });
  await run("emit to a 36-character room", async () => {
    await ack(c2, "join", "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    c1.emit("message", { room: "3f2504e0-4f89-11d3-9a0c-0305e82c3301", text: "uuid room" });
  });
  await run("broadcast with ack and timeout", async () => {
    await ack(c1, "ready-check", { room: "room1", question: "ready", timeoutMs: 1000 });
  });
  await run("broadcast with ack, binary answer", async () => {
    await ack(c1, "ready-check", { room: "room1", question: "binary?", timeoutMs: 1000 });
  });
  await run("fetchSockets", async () => { await ack(c1, "who", null); });
  await run("serverSideEmit with ack", async () => { await ack(c1, "cluster"); });
  await run("serverSideEmit", async () => { await ack(c1, "server-note", { note: 1 }); });
  await run("socketsJoin", async () => { await ack(c1, "move", { from: "room1", to: "room2" }); });
  await run("socketsLeave", async () => { await ack(c1, "evict", { room: "room2", from: "room1" }); });
  await run("namespace broadcast", () => { adminA.emit("broadcast", "admin"); });
  await run("disconnectSockets", async () => { await ack(c1, "kick", "room1"); });

  for (const c of [c1, c2, c3, adminA, adminB]) c.close();
  step = "shutdown";
  a.child.kill();
  b.child.kill();
  await quiet();
  monitorSocket.destroy();
  for (const frame of frames) {
    process.stdout.write(JSON.stringify({ step: frame.step, from: names.get(frame.address) || frame.address,
      command: frame.command, args: frame.args.map((arg) => arg.toString("hex")) }) + "\n");
  }
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
