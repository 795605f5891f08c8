package dev.clusteradapter.cluster.ipc;

import io.netty.channel.CombinedChannelDuplexHandler;

/**
 * Encodes and decodes {@link IpcFrame}s. Every frame starts with an 18-byte header:
 *
 * <pre>
 * 0        2         3        4              8        10             14             18
 * +--------+---------+--------+--------------+--------+--------------+--------------+----------------+
 * | magic  | version | flags  |    length    |  type  |    source    |    target    |    payload     |
 * | 0x5349 |  0x01   |  0x00  | payload size | uint16 |  node id     | node id, 0 = |  length bytes  |
 * | "SI"   |         |reserved|   int32 BE   |   BE   |  int32 BE    | primary, -1 =|   (opaque)     |
 * |        |         |        |              |        |              | all workers  |                |
 * +--------+---------+--------+--------------+--------+--------------+--------------+----------------+
 * </pre>
 *
 * A wrong magic or version, a negative length, or a frame larger than the maximum closes
 * the connection and is counted; nothing of it is delivered. The hub overwrites
 * {@code source} with the authenticated id of the link a frame arrived on.
 */
final class IpcFrameCodec extends CombinedChannelDuplexHandler<IpcFrameDecoder, IpcFrameEncoder> {

	static final int MAGIC = 0x5349;

	static final int VERSION = 1;

	static final int LENGTH_OFFSET = 4;

	static final int HEADER_LENGTH = 18;

	IpcFrameCodec(int maxFrameSize, IpcMetrics metrics) {
		super(new IpcFrameDecoder(maxFrameSize, metrics), new IpcFrameEncoder());
	}

}
