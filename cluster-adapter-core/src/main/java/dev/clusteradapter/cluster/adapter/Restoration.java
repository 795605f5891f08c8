package dev.clusteradapter.cluster.adapter;

import dev.clusteradapter.cluster.adapter.AdapterMessage.RestoredSession;

/**
 * A session found for a reconnecting client, on its way to the socket that takes it over
 * (see {@link ConnectionRecovery}).
 */
public final class Restoration {

	private final RestoredSession session;

	private final long askedAt;

	Restoration(RestoredSession session, long askedAt) {
		this.session = session;
		this.askedAt = askedAt;
	}

	/**
	 * Private id of the session, which the CONNECT answer repeats.
	 * @return the id
	 */
	public String pid() {
		return this.session.pid();
	}

	/**
	 * Id the socket had.
	 * @return the id
	 */
	public String previousId() {
		return this.session.sid();
	}

	RestoredSession session() {
		return this.session;
	}

	/** When this node asked for the session, epoch millis. */
	long askedAt() {
		return this.askedAt;
	}

}
