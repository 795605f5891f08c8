package dev.clusteradapter.cluster.adapter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Prints in-JVM round-trip figures over the in-memory bus (not a test: run it explicitly
 * with {@code -Dtest=RoundTripMeasurement}).
 */
class RoundTripMeasurement {

	@Test
	void codec() {
		AdapterMessageCodec codec = new AdapterMessageCodec();
		ArgumentCodec arguments = new ArgumentCodec(codec.mapper());
		java.util.Map<String, Object> payload = java.util.Map.of("room", "lobby", "text", "hello everyone", "from", "3f2a");
		BroadcastTarget target = BroadcastTarget.room("/", "lobby");
		long sink = 0;
		for (int round = 0; round < 3; round++) {
			int n = 200_000;
			long start = System.nanoTime();
			for (int i = 0; i < n; i++) {
				EncodedArgs args = arguments.encode(List.of(payload));
				byte[] bytes = codec.encode(new AdapterMessage.Broadcast(target, "message", args, null, null));
				sink += bytes.length;
			}
			long encode = (System.nanoTime() - start) / n;
			byte[] bytes = codec.encode(new AdapterMessage.Broadcast(target, "message", arguments.encode(List.of(payload)), null, null));
			start = System.nanoTime();
			for (int i = 0; i < n; i++) {
				AdapterMessage.Broadcast decoded = (AdapterMessage.Broadcast) codec.decode(MessageType.BROADCAST, bytes);
				sink += arguments.forClients(decoded.args()).size();
			}
			long decode = (System.nanoTime() - start) / n;
			AdapterMessage.Broadcast message = new AdapterMessage.Broadcast(target, "message", arguments.encode(List.of(payload)), null, null);
			start = System.nanoTime();
			for (int i = 0; i < n; i++) {
				sink += BroadcastCodec.encode(message).length;
			}
			long handEncode = (System.nanoTime() - start) / n;
			start = System.nanoTime();
			for (int i = 0; i < n; i++) {
				sink += BroadcastCodec.decode(bytes).args().size();
			}
			long handDecode = (System.nanoTime() - start) / n;
			byte[] cbor = null;
			start = System.nanoTime();
			for (int i = 0; i < n; i++) {
				try {
					cbor = codec.mapper().writeValueAsBytes(message);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
			long cborEncode = (System.nanoTime() - start) / n;
			start = System.nanoTime();
			for (int i = 0; i < n; i++) {
				try {
					sink += codec.mapper().readValue(cbor, AdapterMessage.Broadcast.class).args().size();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
			long cborDecode = (System.nanoTime() - start) / n;
			System.out.printf("MEASURED broadcast: emit path encode (args JSON + envelope) %d ns, receive path decode %d ns, %d bytes%n",
					encode, decode, bytes.length);
			System.out.printf("MEASURED envelope only: hand-made encode %d ns / decode %d ns (%d bytes); CBOR encode %d ns / decode %d ns (%d bytes)%n",
					handEncode, handDecode, bytes.length, cborEncode, cborDecode, cbor.length);
		}
		System.out.println(sink > 0 ? "" : "-");
	}

	@Test
	void measure() throws Exception {
		try (InMemoryClusterBus hub = new InMemoryClusterBus();
				ClusterNode w1 = ClusterNode.worker(hub, 1);
				ClusterNode w2 = ClusterNode.worker(hub, 2);
				ClusterNode w3 = ClusterNode.worker(hub, 3)) {
			await().until(() -> w1.cluster.serverCount() == 3);
			List<TestClient> clients = new CopyOnWriteArrayList<>();
			for (ClusterNode node : List.of(w1, w2, w3)) {
				for (int i = 0; i < 10; i++) {
					clients.add(TestClient.connect(node, "/", "seq"));
				}
			}
			w2.cluster.onServerSideEmit("ping", (args, ack) -> ack.send("pong"));
			w3.cluster.onServerSideEmit("ping", (args, ack) -> ack.send("pong"));
			int rounds = 2000;
			for (int i = 0; i < rounds; i++) {
				w1.cluster.fetchSockets().get(5, TimeUnit.SECONDS);
				w1.cluster.serverSideEmitWithAck("ping").get(5, TimeUnit.SECONDS);
			}
			long start = System.nanoTime();
			for (int i = 0; i < rounds; i++) {
				w1.cluster.fetchSockets().get(5, TimeUnit.SECONDS);
			}
			long fetch = (System.nanoTime() - start) / rounds;
			start = System.nanoTime();
			for (int i = 0; i < rounds; i++) {
				w1.cluster.serverSideEmitWithAck("ping").get(5, TimeUnit.SECONDS);
			}
			long emit = (System.nanoTime() - start) / rounds;
			start = System.nanoTime();
			List<Object> heard = new CopyOnWriteArrayList<>();
			w2.cluster.onServerSideEmit("one-way", (args, ack) -> heard.add(args.get(0)));
			for (int i = 0; i < 10_000; i++) {
				w1.cluster.serverSideEmit("one-way", i);
			}
			long sent = System.nanoTime() - start;
			await().until(() -> heard.size() == 10_000);
			System.out.printf("MEASURED send loop %d ms, delivered after %d ms, bus deliveries %d%n", sent / 1_000_000,
					(System.nanoTime() - start) / 1_000_000, hub.delivered());
			long oneWay = (System.nanoTime() - start) / 10_000;
			start = System.nanoTime();
			for (int i = 0; i < 1000; i++) {
				w1.cluster.emit("seq", i);
			}
			await().atMost(60, TimeUnit.SECONDS).until(() -> clients.stream().allMatch((c) -> c.received("seq").size() == 1000));
			long broadcast = (System.nanoTime() - start) / 1000;
			System.out.printf("MEASURED fetchSockets (3 nodes, 30 sockets) round trip: %d us%n", fetch / 1000);
			System.out.printf("MEASURED serverSideEmitWithAck (2 other nodes) round trip: %d us%n", emit / 1000);
			System.out.printf("MEASURED serverSideEmit one-way throughput: %d ns/message%n", oneWay);
			System.out.printf("MEASURED broadcast to 30 clients on 3 nodes, until all received: %d us/broadcast%n", broadcast / 1000);
			clients.forEach(TestClient::close);
		}
	}

}
