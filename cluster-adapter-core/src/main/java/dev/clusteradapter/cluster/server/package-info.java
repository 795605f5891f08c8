/**
 * The netty-socketio server a worker or standalone process runs: {@code ClusteredSocketIOServer},
 * its Engine.IO v4 pipeline fixes, and netty-socketio's namespaces, broadcast operations and
 * clients as views across workers. Uses netty-socketio's API, and its internals only through
 * {@link dev.clusteradapter.cluster.socketio}.
 */
package dev.clusteradapter.cluster.server;
