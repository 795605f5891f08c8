package dev.clusteradapter.cluster.ipc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One message on an IPC link: a type, the node that sent it, where it goes, and the
 * payload, which is never parsed on the way. See {@link IpcFrameCodec} for the wire form.
 */
final class IpcFrame extends DefaultByteBufHolder {

	/** Target meaning every worker except the sender. */
	static final int ALL = -1;

	private final int type;

	private final int source;

	private final int target;

	IpcFrame(int type, int source, int target, ByteBuf payload) {
		super(payload);
		this.type = type;
		this.source = source;
		this.target = target;
	}

	int type() {
		return this.type;
	}

	int source() {
		return this.source;
	}

	int target() {
		return this.target;
	}

	/** Size on the wire, header included. */
	int wireSize() {
		return IpcFrameCodec.HEADER_LENGTH + content().readableBytes();
	}

	/**
	 * The same message as sent by {@code source}, sharing this payload without copying it.
	 */
	IpcFrame relayedFrom(int source) {
		return new IpcFrame(this.type, source, this.target, content().retainedDuplicate());
	}

	@Override
	public IpcFrame replace(ByteBuf content) {
		return new IpcFrame(this.type, this.source, this.target, content);
	}

	@Override
	public String toString() {
		return "IpcFrame[type=0x" + Integer.toHexString(this.type) + ", source=" + this.source + ", target="
				+ this.target + ", payload=" + content().readableBytes() + "B]";
	}

}
