package dev.clusteradapter.cluster.ipc;

import java.io.IOException;

/**
 * An {@link IpcClient} could not authenticate with the primary, or the primary could not
 * prove it knows the cluster secret.
 */
public class IpcAuthenticationException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * An authentication failure.
	 * @param message why
	 */
	public IpcAuthenticationException(String message) {
		super(message);
	}

}
