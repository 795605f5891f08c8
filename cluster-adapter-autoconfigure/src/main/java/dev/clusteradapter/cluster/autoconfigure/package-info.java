/**
 * Spring Boot auto-configuration of the Socket.IO cluster.
 */
package dev.clusteradapter.cluster.autoconfigure;
