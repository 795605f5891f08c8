package dev.clusteradapter.cluster.sticky;

import java.time.Duration;

/**
 * What every connection's {@link RequestRouting} shares with its {@link StickyRouter}.
 */
record RouterContext(WorkerDirectory workers, WorkerBalancer balancer, RouterMetrics metrics, StickyMode mode,
		Duration headTimeout, RequestHeadEncoder headEncoder, RequestRelay relay, HandoverSender handover) {
}
