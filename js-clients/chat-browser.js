// Drives the sample application's chat page in headless Chromium: two users in separate
// browser contexts, served by different workers, talk in one room and use every button.
// Prints one "ok - <check>" or "not ok - <check>: <detail>" line per check, then
// "N passed, N failed"; exits non-zero when anything failed.
// Usage: node chat-browser.js http://127.0.0.1:8080 target/chat.png
const { chromium } = require("playwright-core");
const webUrl = process.argv[2] || "http://127.0.0.1:8080";
const screenshot = process.argv[3] || "chat.png";
const TIMEOUT = 10000;
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync"];
let passed = 0, failed = 0;

function check(name, condition, detail) {
	if (condition) { passed++; console.log(`ok - ${name}`); }
	else { failed++; console.log(`not ok - ${name}: ${JSON.stringify(detail)}`); }
}

// waits for a condition in the page, failing the check (not the run) when it never holds
async function eventually(name, page, predicate, arg) {
	try {
		await page.waitForFunction(predicate, arg, { timeout: TIMEOUT });
		check(name, true);
	}
	catch (ex) {
		check(name, false, (await page.locator("body").innerText()).slice(0, 2000));
	}
}

async function signIn(browser, name) {
	const context = await browser.newContext({ viewport: { width: 1000, height: 640 } });
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	page.errors = [];
	page.on("pageerror", (error) => page.errors.push(error.message));
	await page.goto(webUrl);
	await page.fill("#name", name);
	await page.click("#connect");
	await page.locator("#worker").filter({ hasText: /worker \S+/ }).waitFor({ timeout: TIMEOUT });
	return page;
}

const worker = (page) => page.locator("#worker").innerText();
const logText = (page) => page.locator("#log").innerText();

(async () => {
	// launch() gives the browser a fresh temporary profile (--user-data-dir) of its own
	const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS, timeout: 60000 });
	try {
		const alice = await signIn(browser, "Alice");
		let bob = await signIn(browser, "Bob");
		// the sticky router spreads new connections: a reload is a new one
		for (let i = 0; i < 10 && (await worker(bob)) === (await worker(alice)); i++) {
			await bob.reload();
			await bob.fill("#name", "Bob");
			await bob.click("#connect");
			await bob.locator("#worker").filter({ hasText: /worker \S+/ }).waitFor({ timeout: TIMEOUT });
		}
		const [aliceWorker, bobWorker] = [await worker(alice), await worker(bob)];
		check("the two users are served by different workers", aliceWorker !== bobWorker, [aliceWorker, bobWorker]);

		for (const page of [alice, bob]) {
			await page.fill("#room", "lobby");
			await page.click("#join");
			await page.locator("#rooms li.current", { hasText: "lobby" }).waitFor({ timeout: TIMEOUT });
		}
		await alice.click("#refresh-who");
		await eventually("who lists both users with their workers, across workers", alice,
			([a, b]) => { const who = document.getElementById("who").innerText; return who.includes("Alice") && who.includes(a) && who.includes("Bob") && who.includes(b); },
			[aliceWorker, bobWorker]);

		await alice.fill("#text", "hello from Alice");
		await alice.click("#send");
		await eventually("Bob sees Alice's message with her name and worker", bob,
			(w) => [...document.querySelectorAll("#log li")].some((li) => li.innerText.includes("Alice") && li.innerText.includes(`(${w}): hello from Alice`)),
			aliceWorker);
		await bob.fill("#text", "hi Alice, Bob here");
		await bob.click("#send");
		await eventually("Alice sees Bob's reply with his name and worker", alice,
			(w) => [...document.querySelectorAll("#log li")].some((li) => li.innerText.includes("Bob") && li.innerText.includes(`(${w}): hi Alice, Bob here`)),
			bobWorker);
		await eventually("Alice sees her own message too", alice,
			(w) => document.getElementById("log").innerText.includes(`(${w}): hello from Alice`), aliceWorker);

		await alice.click("#ready-check");
		await eventually("a ready check collects both users' answers", alice,
			() => /Ready in lobby: (Alice, Bob|Bob, Alice)$/m.test(document.getElementById("log").innerText));
		await eventually("Bob answered the ready check", bob,
			() => document.getElementById("log").innerText.includes("answered as Bob"));

		await bob.fill("#text", "pizza at noon");
		await bob.click("#announce");
		for (const [name, page] of [["Alice", alice], ["Bob", bob]]) {
			await eventually(`${name} sees Bob's announcement`, page,
				(w) => document.getElementById("log").innerText.includes(`Announcement from Bob (${w}): pizza at noon`), bobWorker);
		}

		// a network blip: the page's connection is cut, a message is sent meanwhile, the page reconnects by itself
		await alice.evaluate(() => state.socket.io.engine.close());
		await eventually("Alice's page notices the cut", alice,
			() => document.getElementById("status").innerText !== "online");
		await bob.fill("#text", "while you were away");
		await bob.click("#send");
		await eventually("Alice's page comes back: reconnected — nothing missed", alice,
			() => document.getElementById("status").innerText === "reconnected — nothing missed");
		await eventually("Alice sees the message sent while she was away", alice,
			(w) => document.getElementById("log").innerText.includes(`(${w}): while you were away`), bobWorker);

		await eventually("the cluster status counts both workers", alice,
			() => /^2 servers answered/.test(document.getElementById("cluster").innerText));

		await alice.screenshot({ path: screenshot, fullPage: true });
		await bob.screenshot({ path: screenshot.replace(/(\.png)?$/, "-bob.png"), fullPage: true });

		await alice.click("#rooms li.current button");
		await eventually("leaving the room empties Alice's room list", alice,
			() => document.querySelectorAll("#rooms li").length === 0 && document.getElementById("log").innerText.includes("Left lobby"));
		await bob.click("#refresh-who");
		await eventually("who no longer lists Alice once she left", bob,
			() => { const who = document.getElementById("who").innerText; return who.includes("Bob") && !who.includes("Alice"); });

		check("no script errors in the pages", alice.errors.length + bob.errors.length === 0, [...alice.errors, ...bob.errors]);
	}
	catch (ex) {
		check("the scenario ran to its end", false, String(ex && ex.stack || ex));
	}
	finally {
		await browser.close();
	}
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed === 0 ? 0 : 1);
})();
