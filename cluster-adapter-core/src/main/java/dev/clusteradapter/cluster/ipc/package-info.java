/**
 * Authenticated, framed inter-process channel between the primary and its workers.
 */
package dev.clusteradapter.cluster.ipc;
