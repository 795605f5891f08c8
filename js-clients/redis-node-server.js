// A Node.js Socket.IO server linked to its peers through Redis with Socket.IO's own
// @socket.io/redis-adapter, as its documentation sets it up: the Node side of the interop
// tests. It serves the probe contract (the events of the sample app's ProbeContract) on "/"
// and on each namespace of NAMESPACES, plus a few events the contract has no row for (below).
//
// Environment:
//   PORT                       port on 127.0.0.1 (0: any free one)
//   REDIS_URL                  default redis://127.0.0.1:6379
//   ADAPTER                    classic (createAdapter, default) or sharded (createShardedAdapter)
//   WORKER                     the probe contract's worker name (default node-<port>)
//   NAMESPACES                 more namespaces to serve, comma separated (e.g. /admin)
//   PREFIX                     the adapter's key / channelPrefix (default socket.io)
//   REQUESTS_TIMEOUT           classic requestsTimeout in ms (default 5000)
//   SPECIFIC_RESPONSE_CHANNEL  "true": classic publishOnSpecificResponseChannel
//   SUBSCRIPTION_MODE          sharded subscriptionMode: dynamic (default), dynamic-private, static
// Prints "listening <port>" once it serves, then nothing else on stdout. Exits when its
// standard input, if a pipe, closes (the test JVM that started it went away).
//
// Events beyond the probe contract:
//   volatile-broadcast payload      io.volatile.emit("broadcast", payload)
//   server-note payload, ack        io.serverSideEmit("note", payload) (no ack); ack true
//   notes ack                       ack the payloads of "note" server-side emits received
//   room-count room, ack            ack the number of sockets in room on this server only
const fs = require("fs");
const http = require("http");
const { Server } = require("socket.io");
const { createClient } = require("redis");
const { createAdapter, createShardedAdapter } = require("@socket.io/redis-adapter");

const env = process.env;
const redisUrl = env.REDIS_URL || "redis://127.0.0.1:6379";
const sharded = env.ADAPTER === "sharded";
const prefix = env.PREFIX || "socket.io";

function adapter(pub, sub) {
  if (sharded) {
    return createShardedAdapter(pub, sub, {
      channelPrefix: prefix,
      subscriptionMode: env.SUBSCRIPTION_MODE || "dynamic",
    });
  }
  return createAdapter(pub, sub, {
    key: prefix,
    requestsTimeout: Number(env.REQUESTS_TIMEOUT || 5000),
    publishOnSpecificResponseChannel: env.SPECIFIC_RESPONSE_CHANNEL === "true",
  });
}

function serveProbeContract(nsp, worker) {
  const notes = [];
  nsp.on("ping-servers", (cb) => cb(worker));
  nsp.on("note", (payload) => notes.push(payload));
  const roomsOf = (s) => [...s.rooms].filter((r) => r !== s.id);
  nsp.on("connection", (socket) => {
    socket.data.worker = worker;
    socket.on("whoami", (ack) => ack({ id: socket.id, worker }));
    socket.on("echo", (payload, ack) => ack(payload));
    socket.on("join", async (room, ack) => {
      socket.join(room);
      const members = (await nsp.in(room).fetchSockets()).length;
      ack && ack({ room, members, worker });
    });
    socket.on("leave", (room, ack) => { socket.leave(room); ack && ack(true); });
    socket.on("message", ({ room, text }) =>
      nsp.to(room).emit("message", { room, text, from: socket.id, worker }));
    socket.on("broadcast", (payload) => nsp.emit("broadcast", payload));
    socket.on("broadcast-except", ({ except, payload }) => nsp.except(except).emit("broadcast", payload));
    socket.on("local-broadcast", (payload) => nsp.local.emit("broadcast", payload));
    socket.on("who", async (room, ack) => {
      const sockets = room ? await nsp.in(room).fetchSockets() : await nsp.fetchSockets();
      ack(sockets.map((s) => ({ id: s.id, worker: s.data.worker, rooms: roomsOf(s) })));
    });
    socket.on("cluster", (ack) => {
      nsp.serverSideEmit("ping-servers", (err, replies) =>
        ack({ worker, servers: 1 + (replies ? replies.length : 0) }));
    });
    socket.on("move", ({ from, to }, ack) => { nsp.in(from).socketsJoin(to); ack && ack(true); });
    socket.on("evict", ({ room, from }, ack) => { nsp.in(from).socketsLeave(room); ack && ack(true); });
    socket.on("kick", (room, ack) => { ack && ack(true); nsp.in(room).disconnectSockets(true); });
    socket.on("ready-check", ({ room, question, timeoutMs }, ack) => {
      nsp.to(room).timeout(timeoutMs || 1000).emit("ready?", question, (err, responses) =>
        ack({ timedOut: !!err, responses: responses || [] }));
    });
    socket.on("volatile-broadcast", (payload) => nsp.volatile.emit("broadcast", payload));
    socket.on("server-note", (payload, ack) => { nsp.serverSideEmit("note", payload); ack && ack(true); });
    socket.on("notes", (ack) => ack(notes));
    socket.on("room-count", (room, ack) => ack(nsp.adapter.rooms.get(room)?.size || 0));
  });
}

(async () => {
  // named, so that CLIENT LIST and MONITOR tell the peers' connections apart
  const clientName = (env.WORKER || `node-${process.pid}`).replace(/\s/g, "_");
  const pub = createClient({ url: redisUrl, name: `${clientName}-pub` });
  const sub = pub.duplicate({ name: `${clientName}-sub` });
  // without a listener an unreachable Redis would end the process; node-redis reconnects
  for (const client of [pub, sub]) client.on("error", (err) => console.error(`redis: ${err.message}`));
  await Promise.all([pub.connect(), sub.connect()]);
  const httpServer = http.createServer();
  const io = new Server(httpServer, { cors: { origin: "*" }, adapter: adapter(pub, sub) });
  httpServer.listen(Number(env.PORT || 0), "127.0.0.1", () => {
    const port = httpServer.address().port;
    const worker = env.WORKER || `node-${port}`;
    serveProbeContract(io.of("/"), worker);
    for (const name of (env.NAMESPACES || "").split(",").filter(Boolean)) serveProbeContract(io.of(name), worker);
    console.log(`listening ${port}`);
  });
  if (fs.fstatSync(0).isFIFO()) {
    process.stdin.on("end", () => process.exit(0)).resume();
  }
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
