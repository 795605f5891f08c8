/**
 * Socket.IO cluster runtime for netty-socketio: roles, the cluster bus and shared types.
 */
package dev.clusteradapter.cluster;
