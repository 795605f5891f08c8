/** Benchmarks of issue 7: our cluster against the Node.js reference and single-node netty-socketio. */
package dev.clusteradapter.benchmarks;
