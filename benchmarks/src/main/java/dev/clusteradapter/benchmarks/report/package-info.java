/** Figures of a benchmark run, their medians over rounds, and the markdown table. */
package dev.clusteradapter.benchmarks.report;
