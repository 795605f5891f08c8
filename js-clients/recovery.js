// A client of Socket.IO's connection state recovery, driven line by line on its standard input.
// usage: node recovery.js <url> <transports, comma separated> [auth JSON]
// commands (JSON lines on stdin):
//   {cmd:"join", room}        emits "join" (room, ack); prints {event:"joined", room}
//   {cmd:"drop"}              cuts the connection: a WebSocket's TCP socket is destroyed without a
//                             close frame; a polling session is closed by the client
//   {cmd:"switch", url}       the next connection goes to another server
//   {cmd:"reconnect"}         connects again (reconnection is manual, so the test decides when)
//   {cmd:"ask", name}         emits <name> with an ack; prints {event:"answer", name, args}
// prints JSON lines:
//   {event:"connected", id, recovered, pid, offset}   at each connection (pid and offset as the
//                                                      client will send them when it reconnects)
//   {event:"disconnected", reason, pid, offset}
//   {event:"received", name, args}                    for every event but "join" answers; args
//                                                      without the offset, which the client tracks
const { io } = require("socket.io-client");
const readline = require("readline");

const [url, transports, auth] = process.argv.slice(2);

function report(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

const socket = io(url, {
  transports: transports.split(","),
  reconnection: false,
  forceNew: true,
  auth: auth ? JSON.parse(auth) : undefined,
});

socket.on("connect", () =>
  report({ event: "connected", id: socket.id, recovered: socket.recovered, pid: socket._pid, offset: socket._lastOffset }));
socket.on("disconnect", (reason) =>
  report({ event: "disconnected", reason, pid: socket._pid, offset: socket._lastOffset }));
socket.on("connect_error", (error) => report({ event: "connect_error", message: error.message }));
socket.onAny((name, ...args) => {
  // the client reads the offset (the last argument) for itself; tests see the event's own arguments
  const own = socket._pid && args.length && typeof args[args.length - 1] === "string" ? args.slice(0, -1) : args;
  report({ event: "received", name, args: own });
});

const commands = readline.createInterface({ input: process.stdin });
commands.on("line", (line) => {
  const command = JSON.parse(line);
  switch (command.cmd) {
    case "join":
      socket.emit("join", command.room, () => report({ event: "joined", room: command.room }));
      break;
    case "drop": {
      const transport = socket.io.engine.transport;
      if (transport.name === "websocket") {
        transport.ws._socket.destroy();
      } else {
        socket.io.engine.close();
      }
      break;
    }
    case "switch":
      socket.io.uri = command.url;
      break;
    case "ask":
      socket.emit(command.name, (...args) => report({ event: "answer", name: command.name, args }));
      break;
    case "reconnect":
      socket.connect();
      break;
    default:
      report({ event: "error", message: "unknown command " + line });
  }
});
commands.on("close", () => process.exit(0));
