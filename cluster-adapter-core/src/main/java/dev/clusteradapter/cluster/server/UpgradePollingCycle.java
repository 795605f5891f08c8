package dev.clusteradapter.cluster.server;

import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.channel.Channel;

import dev.clusteradapter.cluster.socketio.EngineIoSession;

/**
 * Keeps a client's polling cycle turning while it upgrades to WebSocket, as Node's
 * engine.io does: every 100 ms, a {@code noop} for the polling request the client may
 * hold, until the upgrade completes, the WebSocket closes or the upgrade times out.
 * <p>
 * netty-socketio sends a single {@code noop} on the probe. When it goes out in the same
 * response as other packets, the client may send one more polling request before it
 * pauses, and that request then waits for the next ping (25 s by default) while the
 * upgrade, and everything the client emits meanwhile, waits for it: measured here with
 * the Java client, 1 connection in about 150.
 */
final class UpgradePollingCycle implements Runnable {

	private static final long PERIOD_MILLIS = 100;

	private final Channel webSocket;

	private final EngineIoSession client;

	private final long deadline;

	private UpgradePollingCycle(Channel webSocket, EngineIoSession client, long timeoutMillis) {
		this.webSocket = webSocket;
		this.client = client;
		this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
	}

	/**
	 * Starts the cycle for a client that has just probed a WebSocket.
	 * @param webSocket the probing WebSocket
	 * @param client the client
	 * @param timeoutMillis how long an upgrade may take
	 */
	static void start(Channel webSocket, EngineIoSession client, long timeoutMillis) {
		new UpgradePollingCycle(webSocket, client, timeoutMillis).schedule();
	}

	@Override
	public void run() {
		if (this.client.currentTransport() != Transport.POLLING || !this.webSocket.isActive()
				|| System.nanoTime() - this.deadline > 0) {
			return;
		}
		// one noop waiting is enough to answer the next polling request at once
		if (this.client.queue(Transport.POLLING).isEmpty()) {
			this.client.send(new Packet(PacketType.NOOP, this.client.engineIoVersion()), Transport.POLLING);
		}
		schedule();
	}

	private void schedule() {
		this.webSocket.eventLoop().schedule(this, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
	}

}
