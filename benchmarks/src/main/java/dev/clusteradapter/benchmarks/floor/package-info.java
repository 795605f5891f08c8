/** The least a Netty server can do per delivery: the floor the fan-out figures are read against. */
package dev.clusteradapter.benchmarks.floor;
