/** A lean Engine.IO v4 / Socket.IO v5 load client on Netty, and what it measures with. */
package dev.clusteradapter.benchmarks.client;
