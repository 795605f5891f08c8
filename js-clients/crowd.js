// Keeps a crowd of sockets connected and reports how each connection ends. A socket the
// server disconnected is replaced by a new one, so that a test can kick the crowd again
// and again; sockets never reconnect by themselves.
// usage: node crowd.js <url> <transports, comma separated> <count>
// prints JSON lines:
//   {event:"connected", id, transport}   for each socket connected
//   {event:"disconnected", id, reason}   when a socket's connection ends ("io server
//                                        disconnect" when the server disconnected it)
const { io } = require("socket.io-client");

const [url, transports, count] = process.argv.slice(2);

function report(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

function join() {
  const socket = io(url, {
    transports: transports.split(","),
    upgrade: false,
    reconnection: false,
    forceNew: true,
  });
  socket.on("connect_error", (error) => {
    report({ event: "error", message: error.message });
    process.exit(2);
  });
  socket.once("connect", () => {
    const id = socket.id;
    report({ event: "connected", id, transport: socket.io.engine.transport.name });
    socket.once("disconnect", (reason) => {
      report({ event: "disconnected", id, reason });
      join();
    });
  });
}

for (let i = 0; i < Number(count); i++) join();

process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
