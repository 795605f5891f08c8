package dev.clusteradapter.cluster.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.namespace.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.adapter.AdapterMessage.Broadcast;
import dev.clusteradapter.cluster.adapter.AdapterMessage.BroadcastAck;
import dev.clusteradapter.cluster.adapter.AdapterMessage.BroadcastClientCount;
import dev.clusteradapter.cluster.adapter.AdapterMessage.DisconnectSockets;
import dev.clusteradapter.cluster.adapter.AdapterMessage.FetchSockets;
import dev.clusteradapter.cluster.adapter.AdapterMessage.FetchSocketsResponse;
import dev.clusteradapter.cluster.adapter.AdapterMessage.Membership;
import dev.clusteradapter.cluster.adapter.AdapterMessage.MembershipSnapshot;
import dev.clusteradapter.cluster.adapter.AdapterMessage.OperationDone;
import dev.clusteradapter.cluster.adapter.AdapterMessage.ServerSideEmit;
import dev.clusteradapter.cluster.adapter.AdapterMessage.ServerSideEmitResponse;
import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketsJoin;
import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketsLeave;

/**
 * Applies what other nodes send. Runs inline on the bus thread, so one sender's messages are
 * applied in the order sent; nothing here blocks (netty-socketio queues writes).
 */
final class AdapterReceiver implements AdapterTransport.Listener {

	private static final Logger logger = LoggerFactory.getLogger(AdapterReceiver.class);

	/** Sockets per snapshot message, keeping frames far below any transport limit. */
	private static final int SNAPSHOT_BATCH = 500;

	private final ClusterAdapter adapter;

	AdapterReceiver(ClusterAdapter adapter) {
		this.adapter = adapter;
	}

	@Override
	public void onMessage(int sourceNode, AdapterMessage message) {
		try {
			receive(sourceNode, message);
		}
		catch (RuntimeException ex) {
			logger.warn("Dropped {} from node {}", message.getClass().getSimpleName(), sourceNode, ex);
		}
	}

	@Override
	public void onPeerJoined(int node) {
		if (!this.adapter.transport().replicatesMemberships() || AdapterTransport.isUnnamed(node)) {
			return;
		}
		// netty-socketio replicates memberships only as they change: a newcomer needs the current ones
		List<Membership> batch = new ArrayList<>();
		for (Namespace namespace : this.adapter.sockets().allNamespaces()) {
			String nsp = LocalSockets.socketIoName(namespace.getName());
			for (SocketIOClient client : namespace.getAllClients()) {
				batch.add(new Membership(nsp, client.getSessionId().toString(), List.copyOf(client.getAllRooms()), true));
				if (batch.size() == SNAPSHOT_BATCH) {
					this.adapter.reply(node, new MembershipSnapshot(batch));
					batch = new ArrayList<>();
				}
			}
		}
		if (!batch.isEmpty()) {
			this.adapter.reply(node, new MembershipSnapshot(batch));
		}
	}

	@Override
	public void onPeerLeft(int node) {
		this.adapter.requests().peerLeft(node);
		this.adapter.memberships().forget(node);
	}

	private void receive(int source, AdapterMessage message) {
		LocalSockets sockets = this.adapter.sockets();
		if (message instanceof Broadcast broadcast) {
			onBroadcast(source, broadcast);
		}
		else if (message instanceof Membership membership) {
			this.adapter.memberships().apply(source, membership);
		}
		else if (message instanceof MembershipSnapshot snapshot) {
			snapshot.memberships().forEach((membership) -> this.adapter.memberships().apply(source, membership));
		}
		else if (message instanceof SocketsJoin join) {
			sockets.join(join.target(), join.rooms());
			this.adapter.reply(source, new OperationDone(join.requestId()));
		}
		else if (message instanceof SocketsLeave leave) {
			sockets.leave(leave.target(), leave.rooms());
			this.adapter.reply(source, new OperationDone(leave.requestId()));
		}
		else if (message instanceof DisconnectSockets disconnect) {
			sockets.disconnect(disconnect.target(), disconnect.close());
			this.adapter.reply(source, new OperationDone(disconnect.requestId()));
		}
		else if (message instanceof FetchSockets fetch) {
			this.adapter.reply(source, new FetchSocketsResponse(fetch.requestId(), fetch.target().nsp(),
					sockets.describe(fetch.target())));
		}
		else if (message instanceof ServerSideEmit emit) {
			onServerSideEmit(source, emit);
		}
		else if (message instanceof AdapterMessage.SessionHandover handover) {
			this.adapter.recovery().handedOver(handover);
			this.adapter.reply(source, new OperationDone(handover.requestId()));
		}
		else if (message instanceof AdapterMessage.RestoreSession restore) {
			this.adapter.reply(source, new AdapterMessage.RestoreSessionResponse(restore.requestId(),
					this.adapter.recovery().takeHere(restore.pid(), restore.offset())));
		}
		else {
			receiveResponse(source, message);
		}
	}

	private void receiveResponse(int source, AdapterMessage message) {
		PendingRequests requests = this.adapter.requests();
		if (message instanceof BroadcastClientCount count) {
			AckCollection request = requests.get(count.requestId(), AckCollection.class);
			if (request != null) {
				request.clients(source, count.count(), count.socketIds());
			}
		}
		else if (message instanceof BroadcastAck ack) {
			AckCollection request = requests.get(ack.requestId(), AckCollection.class);
			if (request != null) {
				request.ack(source, ack.socketId(), ack.response(), ack.missing());
			}
		}
		else if (message instanceof FetchSocketsResponse response) {
			answer(source, response.requestId(),
					() -> this.adapter.remoteSockets(source, response.nsp(), response.sockets()));
		}
		else if (message instanceof ServerSideEmitResponse response) {
			answer(source, response.requestId(), response::response);
		}
		else if (message instanceof AdapterMessage.RestoreSessionResponse response) {
			answer(source, response.requestId(), response::session);
		}
		else if (message instanceof OperationDone done) {
			answer(source, done.requestId(), () -> null);
		}
		else if (message instanceof AdapterMessage.AdapterClose) {
			onPeerLeft(source);
		}
	}

	@SuppressWarnings("unchecked")
	private void answer(int source, long requestId, Supplier<Object> answer) {
		NodeAnswers<Object, ?> request = this.adapter.requests().get(requestId, NodeAnswers.class);
		if (request != null) {
			request.answer(source, answer.get());
		}
	}

	private void onBroadcast(int source, Broadcast broadcast) {
		LocalSockets sockets = this.adapter.sockets();
		if (broadcast.requestId() == null) {
			OutgoingEvent event = new OutgoingEvent(broadcast.target().nsp(), broadcast.event(), broadcast.args(),
					this.adapter.arguments());
			this.adapter.recovery().deliver(broadcast.target(), broadcast.event(), broadcast.args(), broadcast.offset(),
					(skip) -> sockets.emit(broadcast.target(), event, skip));
			return;
		}
		List<Object> args = this.adapter.arguments().forClients(broadcast.args());
		long requestId = broadcast.requestId();
		List<SocketIOClient> clients = sockets.match(broadcast.target());
		// the count goes first: the bus keeps this node's order, so the requester knows what to expect
		List<String> socketIds = sockets.ids(clients);
		this.adapter.reply(source, new BroadcastClientCount(requestId, clients.size(), socketIds));
		int timeout = ClusterAdapter.ackTimeoutSeconds(broadcast.ackTimeoutMillis());
		for (int i = 0; i < clients.size(); i++) {
			String socketId = socketIds.get(i);
			sockets.emit(clients.get(i), broadcast.event(), args, new AckCallback<>(Object.class, timeout) {

				@Override
				public void onSuccess(Object result) {
					replyAck(source, requestId, socketId, result);
				}

				@Override
				public void onTimeout() {
					AdapterReceiver.this.adapter.reply(source, new BroadcastAck(requestId, null, true, socketId));
				}

			});
		}
	}

	private void replyAck(int source, long requestId, String socketId, Object result) {
		try {
			this.adapter.reply(source, new BroadcastAck(requestId, result, false, socketId));
		}
		catch (RuntimeException ex) {
			logger.warn("Ack for request {} could not be encoded", requestId, ex);
			this.adapter.reply(source, new BroadcastAck(requestId, null, true, socketId));
		}
	}

	private void onServerSideEmit(int source, ServerSideEmit emit) {
		ServerSideAck ack = null;
		if (emit.requestId() != null) {
			long requestId = emit.requestId();
			ack = (response) -> this.adapter.reply(source, new ServerSideEmitResponse(requestId, response));
		}
		this.adapter.serverSideListeners()
			.dispatch(emit.nsp(), emit.event(), this.adapter.arguments().toObjects(emit.args()), ack);
	}

}
