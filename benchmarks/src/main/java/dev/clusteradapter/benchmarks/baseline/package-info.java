/** Single-node netty-socketio serving the probe contract: the baseline of the comparison. */
package dev.clusteradapter.benchmarks.baseline;
