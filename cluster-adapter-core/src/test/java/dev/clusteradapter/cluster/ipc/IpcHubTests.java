package dev.clusteradapter.cluster.ipc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.ipc.IpcMetrics.Rejection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link IpcHub}, over real sockets with real {@link IpcClient}s and hand-driven
 * {@link RawPeer}s.
 */
class IpcHubTests {

	private static final int TYPE = ClusterBus.FIRST_APPLICATION_TYPE;

	private final IpcSecret secret = IpcSecret.generate();

	private final CountingIpcMetrics metrics = new CountingIpcMetrics();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private IpcHub hub;

	private final RecordingListener primary = new RecordingListener();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		if (this.hub != null) {
			this.hub.stop();
		}
	}

	private IpcEndpoint start(IpcTransport transport) throws IOException {
		return start(transport, UnaryOperator.identity());
	}

	private IpcEndpoint start(IpcTransport transport, UnaryOperator<IpcOptions.Builder> customizer)
			throws IOException {
		this.hub = new IpcHub(customizer.apply(IpcOptions.builder(this.secret).transport(transport)).build(),
				this.metrics);
		this.hub.bus().addListener(this.primary);
		return this.hub.start();
	}

	private Worker worker(IpcEndpoint endpoint) throws Exception {
		return worker(endpoint, 0, IpcOptions.builder(this.secret).build());
	}

	private Worker worker(IpcEndpoint endpoint, int requestedId, IpcOptions options) throws Exception {
		IpcClient client = new IpcClient(endpoint, options, requestedId, IpcMetrics.NONE);
		this.resources.add(client);
		RecordingListener listener = new RecordingListener();
		client.addListener(listener);
		client.connect().get(5, TimeUnit.SECONDS);
		return new Worker(client, listener);
	}

	private RawPeer rawPeer(IpcEndpoint endpoint) throws InterruptedException {
		RawPeer peer = RawPeer.connect(endpoint);
		this.resources.add(peer);
		return peer;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	// Authentication

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void workerWithTheWrongSecretIsRejectedAndALegitOneStillWorks(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		Worker legit = worker(endpoint);
		IpcClient impostor = new IpcClient(endpoint, IpcOptions.builder(IpcSecret.generate()).build());
		this.resources.add(impostor);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> impostor.connect().get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(IpcAuthenticationException.class);
		impostor.publish(TYPE, utf8("forged"));
		assertThat(this.metrics.rejected(Rejection.BAD_PROOF)).isEqualTo(1);
		assertThat(this.hub.links()).extracting(IpcLinkInfo::workerId).containsExactly(legit.id());
		Worker second = worker(endpoint);
		second.client().send(legit.id(), TYPE, utf8("hello"));
		await().untilAsserted(() -> assertThat(legit.listener().texts()).containsExactly("hello"));
		assertThat(legit.listener().joined).containsExactly(second.id());
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void answerWithoutTheSecretIsRejected(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		RawPeer peer = rawPeer(endpoint);
		peer.next();
		peer.send(FrameType.AUTH_RESPONSE, ClusterBus.PRIMARY, new byte[Handshake.RESPONSE_LENGTH]);
		assertThat(peer.next().type()).isEqualTo(FrameType.AUTH_REJECTED);
		assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
		RawPeer empty = rawPeer(endpoint);
		empty.next();
		empty.send(FrameType.AUTH_RESPONSE, ClusterBus.PRIMARY, new byte[0]);
		assertThat(empty.awaitClosed(Duration.ofSeconds(5))).isTrue();
		assertThat(this.metrics.rejected()).isEqualTo(2);
		assertThat(this.hub.links()).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void replayedAnswerFromAnotherConnectionIsRejected(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		RawPeer original = rawPeer(endpoint);
		byte[] captured = original.answerChallenge(this.secret, 0);
		assertThat(original.next().type()).isEqualTo(FrameType.AUTH_OK);
		RawPeer replayer = rawPeer(endpoint);
		replayer.next();
		replayer.send(FrameType.AUTH_RESPONSE, ClusterBus.PRIMARY, captured);
		assertThat(replayer.next().type()).isEqualTo(FrameType.AUTH_REJECTED);
		assertThat(replayer.awaitClosed(Duration.ofSeconds(5))).isTrue();
		assertThat(this.metrics.rejected(Rejection.BAD_PROOF)).isEqualTo(1);
		assertThat(this.hub.links()).hasSize(1);
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void dataFrameBeforeAuthenticationIsNeverDelivered(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		Worker legit = worker(endpoint);
		RawPeer peer = rawPeer(endpoint);
		peer.next();
		peer.send(TYPE, ClusterBus.PRIMARY, utf8("to primary"));
		peer.send(TYPE, IpcFrame.ALL, utf8("to all"));
		peer.send(FrameType.AUTH_RESPONSE, ClusterBus.PRIMARY, RawPeer.response(this.secret, new byte[32],
				Handshake.nonce(), 0));
		assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
		assertThat(this.metrics.rejected(Rejection.PROTOCOL)).isEqualTo(1);
		// A message sent after the forged ones that arrives proves they were not relayed.
		Worker second = worker(endpoint);
		second.client().publish(TYPE, utf8("marker"));
		second.client().send(ClusterBus.PRIMARY, TYPE, utf8("marker"));
		await().untilAsserted(() -> assertThat(legit.listener().texts()).containsExactly("marker"));
		await().untilAsserted(() -> assertThat(this.primary.texts()).containsExactly("marker"));
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void duplicateLiveWorkerIdIsRejected(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		Worker first = worker(endpoint, 3, IpcOptions.builder(this.secret).build());
		assertThat(first.id()).isEqualTo(3);
		IpcClient duplicate = new IpcClient(endpoint, IpcOptions.builder(this.secret).build(), 3, IpcMetrics.NONE);
		this.resources.add(duplicate);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> duplicate.connect().get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(IpcAuthenticationException.class)
			.withMessageContaining("already connected");
		assertThat(this.metrics.rejected(Rejection.DUPLICATE_ID)).isEqualTo(1);
		first.client().send(ClusterBus.PRIMARY, TYPE, utf8("still here"));
		await().untilAsserted(() -> assertThat(this.primary.messages).singleElement()
			.satisfies((message) -> assertThat(message.source()).isEqualTo(3)));
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void silentPeerIsClosedAfterTheAuthenticationTimeout(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport, (options) -> options.authTimeout(Duration.ofMillis(200)));
		RawPeer peer = rawPeer(endpoint);
		assertThat(peer.next().type()).isEqualTo(FrameType.AUTH_CHALLENGE);
		assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
		assertThat(this.metrics.rejected(Rejection.TIMEOUT)).isEqualTo(1);
	}

	@Test
	void hubAssignsFreeIdsAndHonoursRequestedOnes() throws Exception {
		IpcEndpoint endpoint = start(IpcTransport.TCP);
		Worker five = worker(endpoint, 5, IpcOptions.builder(this.secret).build());
		Worker any = worker(endpoint);
		Worker another = worker(endpoint);
		assertThat(List.of(five.id(), any.id(), another.id())).containsExactly(5, 1, 2);
	}

	@Test
	void challengeIsFreshForEveryConnection() throws Exception {
		IpcEndpoint endpoint = start(IpcTransport.TCP);
		byte[] first = rawPeer(endpoint).next().payload();
		byte[] second = rawPeer(endpoint).next().payload();
		assertThat(first).hasSizeGreaterThanOrEqualTo(16).isNotEqualTo(second);
	}

	// Relay

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void publishReachesEveryOtherWorkerButNotTheSender(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		Worker a = worker(endpoint);
		Worker b = worker(endpoint);
		Worker c = worker(endpoint);
		a.client().publish(TYPE + 1, utf8("from a"));
		await().untilAsserted(() -> {
			assertThat(b.listener().messages).singleElement().satisfies((message) -> {
				assertThat(message.source()).isEqualTo(a.id());
				assertThat(message.type()).isEqualTo(TYPE + 1);
			});
			assertThat(c.listener().texts()).containsExactly("from a");
		});
		// The hub relays in arrival order, so a's own copy would precede this marker.
		b.client().send(a.id(), TYPE, utf8("marker"));
		await().untilAsserted(() -> assertThat(a.listener().texts()).containsExactly("marker"));
		assertThat(this.primary.messages).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void sendReachesOnlyItsTarget(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		Worker a = worker(endpoint);
		Worker b = worker(endpoint);
		Worker c = worker(endpoint);
		a.client().send(b.id(), TYPE, utf8("for b"));
		await().untilAsserted(() -> assertThat(b.listener().texts()).containsExactly("for b"));
		b.client().publish(TYPE, utf8("marker"));
		await().untilAsserted(() -> {
			assertThat(a.listener().texts()).containsExactly("marker");
			assertThat(c.listener().texts()).containsExactly("marker");
		});
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void sendToPrimaryReachesTheHubsListener(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		Worker a = worker(endpoint);
		Worker b = worker(endpoint);
		a.client().send(ClusterBus.PRIMARY, TYPE, utf8("for primary"));
		await().untilAsserted(() -> assertThat(this.primary.messages).singleElement().satisfies((message) -> {
			assertThat(message.source()).isEqualTo(a.id());
			assertThat(new String(message.payload(), StandardCharsets.UTF_8)).isEqualTo("for primary");
		}));
		a.client().send(b.id(), TYPE, utf8("marker"));
		await().untilAsserted(() -> assertThat(b.listener().texts()).containsExactly("marker"));
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void primaryPublishesToEveryWorkerAndSendsToOne(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		Worker a = worker(endpoint);
		Worker b = worker(endpoint);
		this.hub.bus().publish(TYPE, utf8("everyone"));
		this.hub.bus().send(b.id(), TYPE, utf8("only b"));
		await().untilAsserted(() -> {
			assertThat(a.listener().texts()).containsExactly("everyone");
			assertThat(b.listener().texts()).containsExactly("everyone", "only b");
		});
		assertThat(a.listener().messages).allSatisfy(
				(message) -> assertThat(message.source()).isEqualTo(ClusterBus.PRIMARY));
		assertThat(this.hub.bus().peers()).containsExactlyInAnyOrder(a.id(), b.id());
		assertThat(this.hub.bus().nodeId()).isEqualTo(ClusterBus.PRIMARY);
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void thousandMessagesFromOneWorkerArriveInOrder(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		Worker sender = worker(endpoint);
		Worker receiver = worker(endpoint);
		for (int i = 0; i < 1000; i++) {
			sender.client().publish(TYPE, utf8(Integer.toString(i)));
		}
		List<String> expected = IntStream.range(0, 1000).mapToObj(Integer::toString).toList();
		await().untilAsserted(() -> assertThat(receiver.listener().texts()).isEqualTo(expected));
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void workerCannotSpoofItsSource(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		Worker receiver = worker(endpoint);
		RawPeer peer = rawPeer(endpoint);
		int id = peer.authenticate(this.secret, 0);
		peer.send(TYPE, IpcFrame.ALL, utf8("who am i"));
		await().untilAsserted(() -> assertThat(receiver.listener().messages).singleElement()
			.satisfies((message) -> assertThat(message.source()).isEqualTo(id)));
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void oversizedFrameClosesOnlyItsLink(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport, (options) -> options.maxFrameSize(4096));
		Worker healthy = worker(endpoint);
		RawPeer peer = rawPeer(endpoint);
		peer.authenticate(this.secret, 0);
		peer.send(TYPE, IpcFrame.ALL, new byte[8192]);
		assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
		assertThat(this.metrics.malformed).hasValue(1);
		Worker other = worker(endpoint);
		other.client().send(healthy.id(), TYPE, utf8("still served"));
		await().untilAsserted(() -> assertThat(healthy.listener().texts()).containsExactly("still served"));
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void workerSendingTheHubsControlFramesIsDropped(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		Worker healthy = worker(endpoint);
		RawPeer peer = rawPeer(endpoint);
		int id = peer.authenticate(this.secret, 0);
		peer.send(FrameType.PEER_LEFT, IpcFrame.ALL, new byte[] { 0, 0, 0, 1 });
		assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
		assertThat(this.metrics.malformed).hasValue(1);
		await().untilAsserted(() -> assertThat(healthy.listener().left).containsExactly(id));
		assertThat(healthy.client().isConnected()).isTrue();
	}

	// Membership

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void newcomerLearnsThePeersAndTheOthersLearnOfIt(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		Worker a = worker(endpoint);
		Worker b = worker(endpoint);
		Worker c = worker(endpoint);
		assertThat(c.client().peers()).containsExactlyInAnyOrder(a.id(), b.id());
		await().untilAsserted(() -> {
			assertThat(a.listener().joined).containsExactly(b.id(), c.id());
			assertThat(b.listener().joined).containsExactly(c.id());
			assertThat(a.client().peers()).containsExactlyInAnyOrder(b.id(), c.id());
		});
		assertThat(this.primary.joined).containsExactly(a.id(), b.id(), c.id());
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void closedWorkerIsAnnouncedToTheOthersWithinASecond(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		List<IpcLinkInfo> down = new CopyOnWriteArrayList<>();
		this.hub.addLinkListener(new IpcLinkListener() {
			@Override
			public void linkDown(IpcLinkInfo link) {
				down.add(link);
			}
		});
		Worker leaving = worker(endpoint);
		Worker staying = worker(endpoint);
		long closedAt = System.nanoTime();
		leaving.client().close();
		await().untilAsserted(() -> assertThat(staying.listener().left).containsExactly(leaving.id()));
		assertThat(Duration.ofNanos(staying.listener().leftAtNanos.get(0) - closedAt)).isLessThan(Duration.ofSeconds(1));
		assertThat(staying.client().peers()).isEmpty();
		await().untilAsserted(() -> assertThat(down).extracting(IpcLinkInfo::workerId).containsExactly(leaving.id()));
		assertThat(this.primary.left).containsExactly(leaving.id());
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void abruptlyDroppedLinkIsAnnouncedWithinASecond(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		Worker staying = worker(endpoint);
		RawPeer peer = rawPeer(endpoint);
		int id = peer.authenticate(this.secret, 0);
		await().untilAsserted(() -> assertThat(staying.listener().joined).containsExactly(id));
		long closedAt = System.nanoTime();
		peer.close();
		await().untilAsserted(() -> assertThat(staying.listener().left).containsExactly(id));
		assertThat(Duration.ofNanos(staying.listener().leftAtNanos.get(0) - closedAt)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void killedWorkerProcessIsAnnouncedWithinASecond() throws Exception {
		IpcEndpoint endpoint = start(IpcTransport.AUTO);
		Worker staying = worker(endpoint);
		Process process = WorkerProcess.start(endpoint, this.secret);
		this.resources.add(process::destroyForcibly);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.hub.links().size() == 2);
		int id = this.hub.links().stream().mapToInt(IpcLinkInfo::workerId).filter((w) -> w != staying.id()).findFirst()
			.orElseThrow();
		assertThat(this.hub.links()).filteredOn((link) -> link.workerId() == id)
			.singleElement()
			.satisfies((link) -> assertThat(link.pid()).hasValue(process.pid()));
		long killedAt = System.nanoTime();
		process.destroyForcibly();
		await().untilAsserted(() -> assertThat(staying.listener().left).containsExactly(id));
		assertThat(Duration.ofNanos(staying.listener().leftAtNanos.get(0) - killedAt)).isLessThan(Duration.ofSeconds(1));
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void workerMissingItsHeartbeatsIsDropped(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport, (options) -> options.heartbeatInterval(Duration.ofMillis(100))
			.heartbeatTimeout(Duration.ofMillis(500)));
		Worker staying = worker(endpoint, 0, IpcOptions.builder(this.secret)
			.heartbeatInterval(Duration.ofMillis(100))
			.heartbeatTimeout(Duration.ofMillis(500))
			.build());
		RawPeer silent = rawPeer(endpoint);
		int id = silent.authenticate(this.secret, 0);
		assertThat(silent.awaitClosed(Duration.ofSeconds(5))).isTrue();
		await().untilAsserted(() -> assertThat(staying.listener().left).containsExactly(id));
		assertThat(staying.client().isConnected()).isTrue();
	}

	// Back-pressure

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void stalledWorkerIsClosedAndTheOthersKeepReceiving(IpcTransport transport) throws Exception {
		int limit = 1024 * 1024;
		IpcEndpoint endpoint = start(transport,
				(options) -> options.maxFrameSize(64 * 1024).outboundQueueLimit(limit));
		IpcOptions clientOptions = IpcOptions.builder(this.secret).outboundQueueLimit(64 * 1024 * 1024).build();
		Worker publisher = worker(endpoint, 0, clientOptions);
		Worker healthy = worker(endpoint, 0, clientOptions);
		RawPeer stalled = rawPeer(endpoint);
		int stalledId = stalled.authenticate(this.secret, 0);
		stalled.stopReading();
		int rounds = 40;
		int perRound = 50;
		byte[] payload = new byte[8 * 1024];
		// A healthy worker keeps up: each round (400 KiB) stays below the limit for it, while
		// the stalled worker's backlog grows round after round.
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < perRound; i++) {
				payload[0] = (byte) (round * perRound + i);
				publisher.client().publish(TYPE, payload.clone());
			}
			int expected = (round + 1) * perRound;
			await().pollInterval(Duration.ofMillis(5))
				.untilAsserted(() -> assertThat(healthy.listener().messages).hasSize(expected));
		}
		assertThat(healthy.listener().messages).extracting((message) -> message.payload()[0])
			.isEqualTo(IntStream.range(0, rounds * perRound).mapToObj((i) -> (byte) i).toList());
		await().untilAsserted(() -> assertThat(this.metrics.backPressureClosed).hasValue(1));
		assertThat(healthy.listener().left).containsExactly(stalledId);
		assertThat(this.hub.links()).extracting(IpcLinkInfo::workerId)
			.containsExactlyInAnyOrder(publisher.id(), healthy.id());
	}

	// Links and sockets

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void linksReportPidHeartbeatStatusAndTraffic(IpcTransport transport) throws Exception {
		IpcEndpoint endpoint = start(transport);
		IpcClient client = new IpcClient(endpoint,
				IpcOptions.builder(this.secret).heartbeatInterval(Duration.ofMillis(100)).build());
		this.resources.add(client);
		client.setStatusSupplier(() -> utf8("clients=42"));
		int id = client.connect().get(5, TimeUnit.SECONDS);
		client.send(ClusterBus.PRIMARY, TYPE, new byte[100]);
		await().untilAsserted(() -> assertThat(this.hub.links()).singleElement().satisfies((link) -> {
			assertThat(link.workerId()).isEqualTo(id);
			assertThat(link.pid()).hasValue(ProcessHandle.current().pid());
			assertThat(link.lastHeartbeat()).isNotNull();
			assertThat(new String(link.lastStatus(), StandardCharsets.UTF_8)).isEqualTo("clients=42");
			assertThat(link.messagesIn()).isGreaterThanOrEqualTo(2);
			assertThat(link.bytesIn()).isGreaterThanOrEqualTo(100 + 2 * IpcFrameCodec.HEADER_LENGTH);
			assertThat(link.messagesOut()).isGreaterThanOrEqualTo(2);
		}));
	}

	@Test
	void unixSocketLivesInAPrivateDirectoryAndIsRemovedAtStop() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(Epoll.isAvailable());
		IpcEndpoint endpoint = start(IpcTransport.UNIX);
		assertThat(endpoint.transport()).isEqualTo(IpcTransport.UNIX);
		Path socket = Path.of(endpoint.address());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
			.isEqualTo("rwx------");
		this.hub.stop();
		assertThat(socket).doesNotExist();
		assertThat(socket.getParent()).doesNotExist();
	}

	@Test
	void configuredSocketDirectoryIsKeptButTheSocketRemoved(@TempDir Path temp) throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(Epoll.isAvailable());
		Path directory = temp.resolve("ipc");
		IpcEndpoint endpoint = start(IpcTransport.UNIX, (options) -> options.socketDirectory(directory));
		assertThat(Path.of(endpoint.address())).hasParent(directory).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		worker(endpoint);
		this.hub.stop();
		assertThat(Path.of(endpoint.address())).doesNotExist();
		assertThat(directory).isDirectory();
	}

	@Test
	void autoTransportPicksUnixSocketsWhereEpollIsAvailable() throws Exception {
		IpcEndpoint endpoint = start(IpcTransport.AUTO);
		assertThat(endpoint.transport()).isEqualTo(Epoll.isAvailable() ? IpcTransport.UNIX : IpcTransport.TCP);
		assertThat(IpcEndpoint.parse(endpoint.toString())).isEqualTo(endpoint);
	}

	@Test
	void tcpHubRebindsItsPortAtOnceAfterAStop() throws Exception {
		IpcEndpoint endpoint = start(IpcTransport.TCP);
		worker(endpoint).client().send(ClusterBus.PRIMARY, TYPE, utf8("x"));
		await().until(() -> this.primary.messages.size() == 1);
		int port = Integer.parseInt(endpoint.address().substring(endpoint.address().lastIndexOf(':') + 1));
		this.hub.stop();
		IpcEndpoint again = start(IpcTransport.TCP, (options) -> options.port(port));
		assertThat(again).isEqualTo(endpoint);
		Worker worker = worker(again);
		assertThat(this.hub.links()).extracting(IpcLinkInfo::workerId).containsExactly(worker.id());
	}

	@Test
	void busRejectsTransportTypesAndOversizedPayloads() throws Exception {
		start(IpcTransport.TCP, (options) -> options.maxFrameSize(4096));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.hub.bus().publish(FrameType.PEER_LEFT, new byte[0]));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.hub.bus().send(1, TYPE, new byte[4096]));
		assertThat(Set.copyOf(this.hub.links())).isEmpty();
	}

	private record Worker(IpcClient client, RecordingListener listener) {

		int id() {
			return this.client.nodeId();
		}

	}

}
