package dev.clusteradapter.cluster.adapter;

/**
 * What {@code fetchSockets()} sends of one session that rarely changes, already encoded: its
 * handshake, which never changes, and its data as of a {@link SessionStore} version.
 *
 * @param handshake CBOR of the {@link SocketHandshake}
 * @param dataVersion the store version {@code data} was read at
 * @param data CBOR of the data entries
 */
record EncodedSnapshot(byte[] handshake, long dataVersion, byte[] data) {
}
