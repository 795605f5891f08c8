/**
 * Lifecycle of the netty-socketio server that a worker or standalone process runs.
 */
package dev.clusteradapter.cluster.server;
