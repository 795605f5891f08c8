// Emits "echo" with a payload and an ack for each spec, and reports what came back.
// usage: node echo.js <url> <transports, comma separated> <upgrade true|false> <spec>...
// spec: "json", or "bin:<size>" for <size> bytes where byte i is (i * 31) & 0xff
// prints one JSON line per spec: {event:"echo", spec, binary, equal, transport}
const { io } = require("socket.io-client");

const [url, transports, upgrade, ...specs] = process.argv.slice(2);

function pattern(size) {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31) & 0xff;
  return bytes;
}

const json = { text: "h\u00e9llo \u2603", list: [1, 2.5, true, null], nested: { a: "b" } };

function report(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

const socket = io(url, {
  transports: transports.split(","),
  upgrade: upgrade === "true",
  reconnection: false,
  forceNew: true,
});

function upgraded() {
  return new Promise((resolve) => {
    if (socket.io.engine.transport.name === "websocket") return resolve();
    socket.io.engine.once("upgrade", () => resolve());
  });
}

socket.on("connect_error", (error) => {
  report({ event: "error", message: error.message });
  process.exit(2);
});

socket.once("connect", async () => {
  if (upgrade === "true") await upgraded();
  for (const spec of specs) {
    const [kind, size] = spec.split(":");
    const payload = kind === "bin" ? pattern(Number(size)) : json;
    try {
      const reply = await socket.timeout(30000).emitWithAck("echo", payload);
      const binary = Buffer.isBuffer(reply);
      const equal = kind === "bin"
        ? binary && reply.equals(payload)
        : JSON.stringify(reply) === JSON.stringify(payload);
      report({ event: "echo", spec, binary, equal, transport: socket.io.engine.transport.name });
    } catch (error) {
      report({ event: "echo", spec, error: error.message });
    }
  }
  socket.close();
  process.exit(0);
});
