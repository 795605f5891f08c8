// Stays connected and reports what the server sends, until killed.
// usage: node listen.js <url> <transports, comma separated> <upgrade true|false>
// prints JSON lines:
//   {event:"connected", id, transport}       once connected (and upgraded, when asked)
//   {event:"bin", binary, length, intact}    for each "bin" event; intact: the bytes are
//                                            (i * 31) & 0xff, as the server sends them
//   {event:"asked", size}                    for each "ask" event, acked with <size> such bytes
//   {event:"disconnected", reason}           when the connection ends
const { io } = require("socket.io-client");

const [url, transports, upgrade] = process.argv.slice(2);

function pattern(size) {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31) & 0xff;
  return bytes;
}

function report(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

const socket = io(url, {
  transports: transports.split(","),
  upgrade: upgrade === "true",
  reconnection: false,
  forceNew: true,
});

socket.on("connect_error", (error) => {
  report({ event: "error", message: error.message });
  process.exit(2);
});

socket.on("bin", (data) => {
  const binary = Buffer.isBuffer(data);
  report({
    event: "bin",
    binary,
    length: binary ? data.length : -1,
    intact: binary && data.equals(pattern(data.length)),
  });
});

socket.on("disconnect", (reason) => report({ event: "disconnected", reason }));

socket.on("ask", (size, ack) => {
  ack(pattern(size));
  report({ event: "asked", size });
});

socket.once("connect", () => {
  const connected = () => report({ event: "connected", id: socket.id, transport: socket.io.engine.transport.name });
  if (upgrade === "true" && socket.io.engine.transport.name !== "websocket") {
    socket.io.engine.once("upgrade", connected);
  } else {
    connected();
  }
});

process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
