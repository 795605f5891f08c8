/**
 * Socket.IO adapter semantics across workers: broadcasts, acknowledgements, fetched sockets, server-side emits.
 */
package dev.clusteradapter.cluster.adapter;
