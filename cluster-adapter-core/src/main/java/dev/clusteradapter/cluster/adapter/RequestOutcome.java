package dev.clusteradapter.cluster.adapter;

import java.util.Locale;

/** How an inter-node request settled. */
public enum RequestOutcome {

	/** Every node expected answered. */
	SUCCESS,

	/** The timeout elapsed first; what had arrived was returned. */
	TIMEOUT,

	/** A node left before answering; the survivors' answers were returned. */
	PARTIAL,

	/** The request failed. */
	ERROR;

	/**
	 * Metric tag value.
	 * @return the lower-case name
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
