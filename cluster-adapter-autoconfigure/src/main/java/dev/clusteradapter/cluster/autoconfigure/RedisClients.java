package dev.clusteradapter.cluster.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.event.DefaultEventPublisherOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultEventLoopGroupProvider;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.lettuce.core.tracing.Tracing;

import dev.clusteradapter.cluster.redis.RedisConnections;
import dev.clusteradapter.cluster.server.ServerEventLoops;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.StringUtils;

/**
 * Opens the Redis transport's connections where Spring Boot's Redis configuration points:
 * standalone, Sentinel or Cluster, with its credentials and SSL bundle, on Boot's Lettuce
 * {@link ClientResources} when there are some (a {@link QuietTimer} instead of their ticking
 * one). Both connections run on one of the Socket.IO server's event loops where its transport
 * is Lettuce's (see {@link ServerLoopProvider}), else on one of Boot's I/O threads (see
 * {@link OneEventLoopProvider}). The
 * transport gets its own Lettuce client so
 * that its options do not change the application's: commands are rejected, not queued,
 * while the link is down (pub/sub is at most once anyway), and it reconnects by itself.
 * Its commands are neither traced nor timed (see {@link #untraced}).
 */
final class RedisClients {

	/**
	 * No timer per command: each one would be scheduled on Lettuce's timer and cancelled
	 * (a timer thread ticking ten times a second at rest), for a 60 s default that bounds
	 * nothing here. What waits to be written is bounded by bytes
	 * ({@code socketio.cluster.redis.max-pending}), and the transport's own waits
	 * (subscriptions, the goodbye) have timeouts of their own.
	 */
	private static final TimeoutOptions NO_COMMAND_TIMEOUTS = TimeoutOptions.builder().timeoutCommands(false).build();

	private RedisClients() {
	}

	static RedisConnections connect(DataRedisConnectionDetails details, ClientResources bootResources,
			ServerEventLoops serverLoops) {
		QuietTimer timer = new QuietTimer("socketio-redis-timer");
		// one of the Socket.IO server's event loops when there is a server of the same
		// transport; else Boot's I/O threads and resolvers when it has some (one of its event
		// loops), else one I/O thread of the transport's own; either way a timer that sleeps at rest
		ClientResources resources = (bootResources != null) ? untraced(bootResources.mutate()
			.eventLoopGroupProvider(onServerLoops(new OneEventLoopProvider(bootResources.eventLoopGroupProvider()), serverLoops))
			.timer(timer)) : null;
		ClientResources owned = (bootResources != null) ? null
				: untraced(ClientResources.builder()
					.eventLoopGroupProvider(onServerLoops(new DefaultEventLoopGroupProvider(1), serverLoops))
					.timer(timer));
		try {
			RedisConnections connections = open(details, (resources != null) ? resources : owned);
			if (owned != null) {
				connections = connections.alsoClosing(owned::shutdown);
			}
			return connections.alsoClosing(timer::stop);
		}
		catch (RuntimeException ex) {
			if (owned != null) {
				owned.shutdown();
			}
			timer.stop();
			throw ex;
		}
	}

	private static EventLoopGroupProvider onServerLoops(EventLoopGroupProvider provider, ServerEventLoops serverLoops) {
		return (serverLoops != null) ? new ServerLoopProvider(serverLoops, provider) : provider;
	}

	/**
	 * Resources whose commands are neither traced nor timed. The transport's commands are its
	 * traffic: a PUBLISH for every broadcast, request and answer, heartbeats and subscriber
	 * counts every second. Boot's resources make each command a Micrometer observation (a
	 * timer looked up by its tags when it ends) and record its latency, on Lettuce's I/O
	 * thread, between a frame and the next: the transport counts its messages and bytes
	 * itself ({@code socketio.cluster.redis.*}). A copy made with {@code mutate()} shares the
	 * original's threads, which only their owner (Boot) shuts down: the copy is never shut down.
	 */
	static ClientResources untraced(ClientResources.Builder builder) {
		return builder.tracing(Tracing.disabled())
			.commandLatencyRecorder(CommandLatencyRecorder.disabled())
			.commandLatencyPublisherOptions(DefaultEventPublisherOptions.disabled())
			.build();
	}

	private static RedisConnections open(DataRedisConnectionDetails details, ClientResources resources) {
		SslOptions ssl = sslOptions(details.getSslBundle());
		if (details.getCluster() != null) {
			List<RedisURI> uris = new ArrayList<>();
			details.getCluster().getNodes().forEach((node) -> uris.add(uri(details, node.host(), node.port(), 0, ssl != null)));
			RedisClusterClient client = RedisClusterClient.create(resources, uris);
			ClusterClientOptions.Builder options = ClusterClientOptions.builder()
				.autoReconnect(true)
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.timeoutOptions(NO_COMMAND_TIMEOUTS);
			if (ssl != null) {
				options.sslOptions(ssl);
			}
			client.setOptions(options.build());
			return owning(client, RedisConnections.cluster(client));
		}
		RedisURI uri;
		if (details.getSentinel() != null) {
			DataRedisConnectionDetails.Sentinel sentinel = details.getSentinel();
			RedisURI.Builder builder = RedisURI.builder().withSentinelMasterId(sentinel.getMaster());
			sentinel.getNodes().forEach((node) -> builder.withSentinel(node.host(), node.port()));
			builder.withDatabase(sentinel.getDatabase()).withSsl(ssl != null);
			uri = builder.build();
			credentials(uri, details.getUsername(), details.getPassword());
		}
		else {
			DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
			uri = uri(details, standalone.getHost(), standalone.getPort(), standalone.getDatabase(), ssl != null);
		}
		RedisClient client = RedisClient.create(resources);
		ClientOptions.Builder options = ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(NO_COMMAND_TIMEOUTS);
		if (ssl != null) {
			options.sslOptions(ssl);
		}
		client.setOptions(options.build());
		try {
			return owning(client, RedisConnections.standalone(client, uri));
		}
		catch (RuntimeException ex) {
			client.shutdown();
			throw new IllegalStateException("Socket.IO cluster: cannot connect to Redis at " + uri.getHost() + ":"
					+ uri.getPort() + " (spring.data.redis.*): " + ex.getMessage(), ex);
		}
	}

	private static RedisURI uri(DataRedisConnectionDetails details, String host, int port, int database, boolean ssl) {
		RedisURI uri = RedisURI.builder().withHost(host).withPort(port).withDatabase(database).withSsl(ssl).build();
		credentials(uri, details.getUsername(), details.getPassword());
		return uri;
	}

	private static void credentials(RedisURI uri, String username, String password) {
		if (StringUtils.hasText(password)) {
			if (StringUtils.hasText(username)) {
				uri.setUsername(username);
			}
			uri.setPassword(password.toCharArray());
		}
	}

	private static SslOptions sslOptions(SslBundle bundle) {
		if (bundle == null) {
			return null;
		}
		SslOptions.Builder builder = SslOptions.builder()
			.jdkSslProvider()
			.keyManager(bundle.getManagers().getKeyManagerFactory())
			.trustManager(bundle.getManagers().getTrustManagerFactory());
		if (bundle.getOptions().getCiphers() != null) {
			builder.cipherSuites(bundle.getOptions().getCiphers());
		}
		if (bundle.getOptions().getEnabledProtocols() != null) {
			builder.protocols(bundle.getOptions().getEnabledProtocols());
		}
		return builder.build();
	}

	/** Connections that shut their own client down when closed (never Boot's shared resources). */
	private static RedisConnections owning(AbstractRedisClient client, RedisConnections connections) {
		return connections.alsoClosing(client::shutdown);
	}

}
