/**
 * Micrometer meters of the Socket.IO cluster.
 */
package dev.clusteradapter.cluster.autoconfigure.metrics;
