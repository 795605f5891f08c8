/**
 * The starter's seam into netty-socketio's internals: the one place, besides
 * {@code com.corundumstudio.socketio.BroadcastAckBridge}, where the starter's worker-side code
 * (package {@code …cluster.server}) touches what netty-socketio does not offer as API. When
 * netty-socketio changes, this package is what to read again; {@link
 * dev.clusteradapter.cluster.socketio.NettySocketIoCompatibility} checks before the first
 * server starts that every member below exists, and warns when the version is not the tested
 * one (2.0.14).
 * <table>
 * <caption>What of netty-socketio 2.0.14 this package relies on, and why</caption>
 * <tr><th>netty-socketio</th><th>used for</th><th>here</th></tr>
 * <tr><td>{@code handler.ClientHead}: its {@code CLIENT} channel attribute, session id,
 * Engine.IO version, current transport, packet queues, {@code send}, {@code onChannelDisconnect}, {@code isConnected}, {@code getHandshakeData},
 * {@code disconnect}, the last-binary-packet slot; {@code transport.NamespaceClient.getBaseClient()}
 * and its <em>private</em> flag {@code disconnected}, read as {@code NamespaceClient.send} reads it
 * ({@code GatheredWrites}, per recipient of a broadcast; without it, the session is asked for its
 * client in the namespace)</td>
 * <td>Engine.IO v4 binary attachments (the slot keeps a packet whose attachments are still
 * coming, across transports), writing v4 frames and polling bodies, ending a session after
 * bad input, Engine.IO's close packet at stop, the upgrade's polling cycle, disconnecting a
 * polling client past the outbound limit; whether a socket left because its session ended
 * (connection state recovery keeps its session then) and the auth payload of a restored
 * socket whose auth listeners are skipped</td>
 * <td>{@code EngineIoSession}</td></tr>
 * <tr><td>{@code ClientHead}'s <em>private</em> field {@code channels} (a map of
 * {@code handler.TransportState}: {@code getPacketsQueue}, {@code setPacketsQueue},
 * {@code getChannel}), read by reflection</td>
 * <td>holding a polling session's queue to the outbound limit (a bounded queue in place of
 * netty-socketio's), and closing the connections an ended session leaves open, which
 * netty-socketio kept with everything queued for them (without the field the server runs,
 * with unbounded polling queues and those connections left to netty-socketio)</td>
 * <td>{@code SessionTransports}, through {@code EngineIoSession}</td></tr>
 * <tr><td>{@code messages.PacketsMessage}, {@code messages.OutPacketMessage} (read, and made
 * for a session) and {@code handler.EncoderHandler}'s {@code WRITE_ONCE} and {@code ORIGIN}
 * attributes</td>
 * <td>the messages netty-socketio's transports, packet handler and encoder pass each other,
 * which the starter's v4 decoder and encoder read and write in their place; answering the
 * next poll of a session the server ended with the packets it left (Engine.IO's drain)</td>
 * <td>{@code InboundPackets}, {@code OutboundPackets}</td></tr>
 * <tr><td>{@code SocketIOChannelInitializer}: {@code start(Configuration, NamespacesHub)}, the
 * protected {@code addSocketioHandlers}, {@code onDisconnect(ClientHead)}, its handler names,
 * and its <em>private</em> field {@code clientsBox} ({@code handler.ClientsBox.get(UUID)},
 * {@code get(Channel)}), read once by reflection</td>
 * <td>adding the starter's handlers into netty-socketio's pipeline; hearing of every session
 * that ends, before netty-socketio forgets it; answering requests for unknown sessions before
 * netty-socketio mishandles them, a poll of a session just ended, and naming a client cut
 * off (without the field the server runs, with netty-socketio's own answers and no drain)</td>
 * <td>{@code SocketIoPipeline}, {@code EngineIoSessions}</td></tr>
 * <tr><td>{@code SocketIOChannelInitializer}'s <em>private</em> field {@code scheduler} (a
 * {@code scheduler.CancelableScheduler}), set by reflection before the server starts</td>
 * <td>netty-socketio's timers (pings, ping and first-data timeouts, acknowledgement timeouts)
 * on the server's event loops ({@code EventLoopScheduler}) in place of its
 * {@code HashedWheelTimer}, a thread that wakes ten times a second at rest (without the field
 * the server runs, on netty-socketio's timer)</td>
 * <td>{@code SocketIoPipeline}, {@code EventLoopScheduler}</td></tr>
 * <tr><td>{@code namespace.Namespace}: {@code DEFAULT_NAME},
 * {@code getRoomClientsInCluster}</td>
 * <td>room sizes and namespace names for views of other workers' clients, and
 * {@code ClusteredSocketIONamespace.namespace()}, which hands users netty-socketio's
 * namespace</td>
 * <td>{@code SocketIoNamespaces}</td></tr>
 * <tr><td>{@code BroadcastAckCallback}'s package-private {@code resultClass}, {@code timeout},
 * {@code successExecuted} and protected {@code onClientSuccess}, {@code onClientTimeout},
 * {@code onAllSuccess}</td>
 * <td>driving a user's broadcast callback for the clients of every worker; through
 * {@code BroadcastAckBridge}, which must share netty-socketio's package and class loader: the
 * class path is required (see its description; there is no fallback)</td>
 * <td>{@code BroadcastAckCallbacks}</td></tr>
 * </table>
 * netty-socketio's public {@code SingleRoomBroadcastOperations} could drive a callback without
 * the bridge, over views of other workers' clients fetched first, each then asked by a request
 * of its own: one more round trip, and one cluster request per remote client instead of one per
 * worker, which measured slower with 20 remote clients ({@code BroadcastAckMeasurement}).
 * <p>
 * Also here: {@link dev.clusteradapter.cluster.socketio.EncodedEventPacket}, a netty-socketio
 * packet the adapter encodes once for every local recipient and the server's encoder writes
 * as it is, and {@link dev.clusteradapter.cluster.socketio.EncodedEventsAware}, by which the
 * server tells the adapter's store factory that its pipeline writes them.
 * <p>
 * Not behind this seam yet: the {@code …cluster.adapter} package implements netty-socketio's
 * store SPI, whose signatures name {@code NamespacesHub}, {@code AuthorizeHandler} and
 * {@code ClientHead}, and reaches {@code Namespace} and {@code NamespaceClient} itself, to find
 * local clients and keep remote room memberships.
 * Imports point one way: {@code …server} and {@code …adapter} use this package, which uses
 * neither.
 */
package dev.clusteradapter.cluster.socketio;
