// Drives the official Socket.IO JavaScript client through a sticky router: each client
// connects, asks `whoami` many times and reports whether its session stayed on one worker.
// Usage: node sticky-probe.js <url> <clients> <roundTrips> <transports, e.g. polling,websocket>
// Prints one JSON line: { connected, stable, upgraded, workers: {id: count}, failures: [...] }
const { io } = require("socket.io-client");

const [url, clientCount, roundTrips, transportList] = process.argv.slice(2);
const transports = transportList.split(",");

function whoami(socket) {
  return socket.timeout(10000).emitWithAck("whoami", 0);
}

async function runClient() {
  const socket = io(url, { transports, forceNew: true, reconnection: false, timeout: 10000 });
  let step = "connect";
  let disconnected = "";
  socket.on("disconnect", (reason, details) => {
    disconnected = `${reason}${details ? " (" + (details.description && details.description.message || details.message || JSON.stringify(details)) + ")" : ""}`;
  });
  try {
    await new Promise((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    step = "first whoami";
    const first = await whoami(socket);
    step = "whoami loop";
    let stable = true;
    for (let i = 1; i < Number(roundTrips); i++) {
      const again = await whoami(socket);
      stable = stable && again.worker === first.worker && again.id === first.id;
    }
    if (transports.length > 1 && socket.io.engine.transport.name !== "websocket") {
      await new Promise((resolve) => socket.io.engine.once("upgrade", resolve));
    }
    step = "last whoami";
    const last = await whoami(socket);
    stable = stable && last.worker === first.worker && last.id === first.id;
    return { worker: first.worker, stable, upgraded: socket.io.engine.transport.name === "websocket" };
  } catch (error) {
    const transport = socket.io.engine ? socket.io.engine.transport && socket.io.engine.transport.name : "none";
    throw new Error(`${error.message} sid ${socket.io.engine && socket.io.engine.id} at ${step} on ${transport}${disconnected ? ", disconnected: " + disconnected : ""}`);
  } finally {
    socket.close();
  }
}

(async () => {
  const results = await Promise.allSettled(Array.from({ length: Number(clientCount) }, runClient));
  const summary = { connected: 0, stable: 0, upgraded: 0, workers: {}, failures: [] };
  for (const result of results) {
    if (result.status === "rejected") {
      summary.failures.push(String(result.reason && result.reason.message || result.reason));
      continue;
    }
    summary.connected++;
    if (result.value.stable) summary.stable++;
    if (result.value.upgraded) summary.upgraded++;
    summary.workers[result.value.worker] = (summary.workers[result.value.worker] || 0) + 1;
  }
  console.log(JSON.stringify(summary));
  process.exit(0);
})();
