package dev.clusteradapter.cluster.adapter;

/** Answers a {@code serverSideEmitWithAck} from another node. */
@FunctionalInterface
public interface ServerSideAck {

	/**
	 * @param response the answer (JSON-friendly value or {@code byte[]})
	 */
	void send(Object response);

}
