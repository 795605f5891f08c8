/** The servers under test, as process trees, and what /proc and jcmd tell about them. */
package dev.clusteradapter.benchmarks.target;
