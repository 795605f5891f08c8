/**
 * Sticky-session routing of client connections from the primary to the worker owning the session.
 */
package dev.clusteradapter.cluster.sticky;
