/** The benchmark scenarios of issue 7, each measuring one target per run. */
package dev.clusteradapter.benchmarks.scenario;
