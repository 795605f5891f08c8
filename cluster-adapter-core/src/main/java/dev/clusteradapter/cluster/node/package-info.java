/**
 * The roles a process plays in the cluster, assembled from the transport, supervisor and router.
 */
package dev.clusteradapter.cluster.node;
