package dev.clusteradapter.cluster.socketio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.TransportState;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of each transport of a netty-socketio session, which {@link ClientHead} keeps
 * in a private field: the connection of the transport, and the queue of the packets
 * waiting for it (a polling client's packets wait there until it polls).
 * <p>
 * When another netty-socketio version has no such field, there is no state to reach: the
 * queues keep netty-socketio's own (unbounded), and ended sessions' connections are left
 * to netty-socketio; a warning says so once. Read through {@link EngineIoSession}.
 */
final class SessionTransports {

	static final String STATES_FIELD = "channels";

	private static final Logger logger = LoggerFactory.getLogger(SessionTransports.class);

	/**
	 * The field, read as a plain field read once compiled: a broadcast reads it once per
	 * recipient (a reflective {@code Field.get} took 3 % of a worker's samples under fan-out).
	 */
	private static final VarHandle STATES = statesField();

	private SessionTransports() {
	}

	/**
	 * The state of each transport of a session.
	 * @param client the session
	 * @return the states, empty when they cannot be reached
	 */
	@SuppressWarnings("unchecked")
	static Collection<TransportState> of(ClientHead client) {
		if (STATES == null) {
			return List.of();
		}
		try {
			return List.copyOf(((Map<Transport, TransportState>) STATES.get(client)).values());
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

	/**
	 * The state of one transport of a session.
	 * @param client the session
	 * @param transport the transport
	 * @return its state, or {@code null} when it cannot be reached
	 */
	@SuppressWarnings("unchecked")
	static TransportState of(ClientHead client, Transport transport) {
		if (STATES == null) {
			return null;
		}
		try {
			return ((Map<Transport, TransportState>) STATES.get(client)).get(transport);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The connections of a session, open or not.
	 * @param client the session
	 * @return its connections
	 */
	static List<Channel> channels(ClientHead client) {
		List<Channel> channels = new ArrayList<>(2);
		for (TransportState state : of(client)) {
			Channel channel = state.getChannel();
			if (channel != null) {
				channels.add(channel);
			}
		}
		return channels;
	}

	private static VarHandle statesField() {
		try {
			return MethodHandles.privateLookupIn(ClientHead.class, MethodHandles.lookup())
				.findVarHandle(ClientHead.class, STATES_FIELD, Map.class);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("Cannot reach netty-socketio's transport states ({}): a polling client that stops polling "
					+ "is not held to the outbound limit", ex.toString());
			return null;
		}
	}

}
