// The chat page: every feature is one event of the sample application's probe contract,
// served by whichever worker the sticky router picked for this page.
const NAME_ROOM = "@"; // a user's name travels as a room, so that "who" can list names
const $ = (id) => document.getElementById(id);
const state = { socket: null, name: "", worker: "", rooms: [], current: null, names: new Map() };

$("login").addEventListener("submit", async (event) => {
	event.preventDefault();
	state.name = $("name").value.trim();
	$("connect").disabled = true; // one socket per page: Socket.IO reconnects it by itself
	const { socketUrl } = await (await fetch("config")).json();
	connect(socketUrl);
});

function connect(url) {
	const socket = io(url);
	state.socket = socket;
	socket.on("connect", async () => {
		if (socket.recovered) {
			// connection state recovery: same rooms, and every message sent meanwhile already shown
			const me = await socket.emitWithAck("whoami");
			state.worker = me.worker;
			state.names.set(me.id, state.name);
			$("worker").textContent = workerLabel(me.worker);
			online("reconnected — nothing missed");
			log(`Reconnected to ${workerLabel(me.worker)}: nothing missed`, "system");
			return;
		}
		const me = await socket.emitWithAck("whoami");
		state.worker = me.worker;
		state.names.set(me.id, state.name);
		await socket.emitWithAck("join", NAME_ROOM + state.name);
		for (const room of state.rooms) await socket.emitWithAck("join", room);
		online("online");
		$("me").textContent = state.name;
		$("worker").textContent = workerLabel(me.worker);
		$("login").hidden = true;
		$("chat").hidden = false;
		showCluster();
	});
	socket.on("disconnect", () => {
		$("status").textContent = "offline";
		$("status").classList.remove("online");
	});
	socket.on("message", showMessage);
	socket.on("broadcast", (note) => log(`Announcement from ${note.name} (${workerLabel(note.worker)}): ${note.text}`, "announcement"));
	socket.on("ready?", (question, answer) => {
		answer(state.name);
		log(`Ready check: “${question}” — answered as ${state.name}`, "system");
	});
}

function online(status) {
	$("status").textContent = status;
	$("status").classList.add("online");
}

const workerLabel = (worker) => `worker ${worker}`;

async function showCluster() {
	const { worker, servers } = await state.socket.emitWithAck("cluster");
	$("cluster").textContent = `${servers} servers answered, asked from ${workerLabel(worker)}`;
}

$("refresh-cluster").addEventListener("click", showCluster);

$("join-form").addEventListener("submit", async (event) => {
	event.preventDefault();
	const room = $("room").value.trim();
	if (!state.rooms.includes(room)) {
		const { members } = await state.socket.emitWithAck("join", room);
		state.rooms.push(room);
		log(`Joined ${room} (${members} in the room)`, "system");
	}
	select(room);
});

async function leave(room) {
	await state.socket.emitWithAck("leave", room);
	state.rooms = state.rooms.filter((r) => r !== room);
	log(`Left ${room}`, "system");
	select(state.rooms[0] || null);
}

function select(room) {
	state.current = room;
	$("rooms").replaceChildren(...state.rooms.map((r) => {
		const chip = element("li", r, r === room ? "current" : "");
		chip.dataset.room = r;
		chip.addEventListener("click", () => select(r));
		const close = element("button", "×");
		close.title = `Leave ${r}`;
		close.addEventListener("click", (event) => { event.stopPropagation(); leave(r); });
		chip.append(close);
		return chip;
	}));
	showWho();
}

// fetchSockets across the cluster: each user with the worker that serves them
async function showWho() {
	$("who-room").textContent = state.current || "…";
	const sockets = state.current ? await learnNames(state.current) : [];
	$("who").replaceChildren(...sockets.map((s) => {
		const item = element("li", state.names.get(s.id));
		item.append(element("span", workerLabel(s.worker), "worker"));
		return item;
	}));
}

$("refresh-who").addEventListener("click", showWho);

async function learnNames(room) {
	const sockets = await state.socket.emitWithAck("who", room);
	sockets.forEach((s) => state.names.set(s.id, nameOf(s)));
	return sockets;
}

function nameOf(socket) {
	const room = socket.rooms.find((r) => r.startsWith(NAME_ROOM));
	return room ? room.slice(NAME_ROOM.length) : socket.id;
}

$("send-form").addEventListener("submit", (event) => {
	event.preventDefault();
	if (!state.current) return log("Join a room first", "system");
	state.socket.emit("message", { room: state.current, text: $("text").value });
	$("text").value = "";
});

async function showMessage({ room, text, from, worker }) {
	const sender = element("strong", state.names.get(from) || "…");
	const line = element("li");
	line.append(element("span", `#${room} `, "room"), sender, ` (${workerLabel(worker)}): ${text}`);
	append(line);
	if (!state.names.has(from)) {
		await (room === state.current ? showWho() : learnNames(room));
		sender.textContent = state.names.get(from) || from;
	}
}

$("ready-check").addEventListener("click", async () => {
	if (!state.current) return log("Join a room first", "system");
	const result = await state.socket.emitWithAck("ready-check",
		{ room: state.current, question: "Ready?", timeoutMs: 3000 });
	log(`Ready in ${state.current}: ${result.responses.join(", ") || "nobody"}`
		+ (result.timedOut ? " (some did not answer in time)" : ""), "system");
});

$("announce").addEventListener("click", () => {
	const text = $("text").value.trim() || "Hello, everyone!";
	state.socket.emit("broadcast", { name: state.name, worker: state.worker, text });
	$("text").value = "";
});

function log(text, kind) {
	append(element("li", text, kind));
}

function append(line) {
	$("log").append(line);
	line.scrollIntoView({ block: "nearest" });
}

function element(tag, text = "", className = "") {
	const node = document.createElement(tag);
	node.textContent = text;
	if (className) node.className = className;
	return node;
}
