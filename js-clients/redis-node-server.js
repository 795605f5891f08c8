// A Node.js Socket.IO server with Socket.IO's own Redis adapter (@socket.io/redis-adapter),
// serving the probe contract, for the Java tests' mixed fleets: Java and Node servers on one
// Redis serve one set of clients. Prints "listening <port>" once it serves.
// Usage: PORT=0 REDIS_URL=redis://127.0.0.1:6379 ADAPTER=classic|sharded WORKER=name node redis-node-server.js
const http = require("http");
const { Server } = require("socket.io");
const { createClient } = require("redis");
const { createAdapter, createShardedAdapter } = require("@socket.io/redis-adapter");

const port = Number(process.env.PORT || 0);
const sharded = process.env.ADAPTER === "sharded";
const worker = process.env.WORKER || `node-${process.pid}`;

(async () => {
  const pub = createClient({ url: process.env.REDIS_URL || "redis://127.0.0.1:6379" });
  const sub = pub.duplicate();
  // a lost link is the tests' business, not a crash
  pub.on("error", () => {});
  sub.on("error", () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  const httpServer = http.createServer();
  const io = new Server(httpServer, {
    adapter: sharded ? createShardedAdapter(pub, sub) : createAdapter(pub, sub),
  });
  const roomsOf = (socket) => [...socket.rooms].filter((room) => room !== socket.id);
  io.on("ping-servers", (ack) => ack(worker));
  io.on("connection", (socket) => {
    socket.data.worker = worker;
    socket.on("whoami", (ack) => ack({ id: socket.id, worker }));
    socket.on("echo", (payload, ack) => ack(payload));
    socket.on("join", async (room, ack) => {
      socket.join(room);
      const members = (await io.in(room).fetchSockets()).length;
      if (ack) ack({ room, members, worker });
    });
    socket.on("leave", (room, ack) => {
      socket.leave(room);
      if (ack) ack(true);
    });
    socket.on("message", ({ room, text }) => io.to(room).emit("message", { room, text, from: socket.id, worker }));
    socket.on("broadcast", (payload) => io.emit("broadcast", payload));
    socket.on("broadcast-except", ({ except, payload }) => io.except(except).emit("broadcast", payload));
    socket.on("local-broadcast", (payload) => io.local.emit("broadcast", payload));
    socket.on("who", async (room, ack) => {
      const sockets = room ? await io.in(room).fetchSockets() : await io.fetchSockets();
      ack(sockets.map((s) => ({ id: s.id, worker: s.data.worker, rooms: roomsOf(s) })));
    });
    socket.on("cluster", (ack) => {
      io.serverSideEmit("ping-servers", (err, replies) => ack({ worker, servers: 1 + (replies ? replies.length : 0) }));
    });
    socket.on("move", ({ from, to }, ack) => {
      io.in(from).socketsJoin(to);
      if (ack) ack(true);
    });
    socket.on("evict", ({ room, from }, ack) => {
      io.in(from).socketsLeave(room);
      if (ack) ack(true);
    });
    socket.on("kick", (room, ack) => {
      if (ack) ack(true);
      io.in(room).disconnectSockets(true);
    });
    socket.on("ready-check", ({ room, question, timeoutMs }, ack) => {
      io.to(room).timeout(timeoutMs || 1000).emit("ready?", question, (err, responses) =>
        ack({ timedOut: !!err, responses: responses || [] }));
    });
  });
  httpServer.listen(port, "127.0.0.1", () => console.log(`listening ${httpServer.address().port}`));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
