/**
 * Starts, watches and restarts the worker JVMs of a primary.
 */
package dev.clusteradapter.cluster.supervisor;
