package dev.clusteradapter.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.clusteradapter.cluster.WorkerStatus.RequestTotal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerStatus}.
 */
class WorkerStatusTests {

	@Test
	void roundTripsThroughItsEncoding() {
		WorkerStatus status = new WorkerStatus(4242, 51234, "/tmp/x/handover-1.sock", 17, 3);
		assertThat(WorkerStatus.decode(status.encode())).isEqualTo(status);
		assertThat(status.serving()).isTrue();
	}

	@Test
	void garbageReadsAsUnknown() {
		assertThat(WorkerStatus.decode(new byte[] { 1, 2, 3 })).isEqualTo(WorkerStatus.UNKNOWN);
		assertThat(WorkerStatus.decode(null)).isEqualTo(WorkerStatus.UNKNOWN);
		assertThat(WorkerStatus.UNKNOWN.serving()).isFalse();
	}

	@Test
	void roundTripsRequestTotals() {
		WorkerStatus status = new WorkerStatus(4242, 51234, null, 2, 1,
				Map.of("fetch_sockets:success", new RequestTotal(12, 34_000_000L), "broadcast_ack:timeout",
						new RequestTotal(1, Long.MAX_VALUE)));
		WorkerStatus decoded = WorkerStatus.decode(status.encode());
		assertThat(decoded).isEqualTo(status);
		assertThat(decoded.requests().get("broadcast_ack:timeout").totalNanos()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void statusOfAnOlderWorkerReportsNoRequests() throws Exception {
		Map<String, Object> older = new LinkedHashMap<>();
		older.put("pid", 7);
		older.put("socketIoPort", 4000);
		older.put("clients", 5);
		older.put("rooms", 2);
		WorkerStatus decoded = WorkerStatus.decode(new CBORMapper().writeValueAsBytes(older));
		assertThat(decoded).isEqualTo(new WorkerStatus(7, 4000, null, 5, 2));
		assertThat(decoded.requests()).isEmpty();
	}

	@Test
	void unknownFieldsOfANewerWorkerAreSkipped() throws Exception {
		Map<String, Object> newer = new LinkedHashMap<>();
		newer.put("pid", 7);
		newer.put("socketIoPort", 4000);
		newer.put("clients", 5);
		newer.put("rooms", 2);
		newer.put("requests", Map.of("fetch_sockets:success", Map.of("count", 3, "totalNanos", 9, "maxNanos", 4)));
		newer.put("someday", Map.of("a", 1));
		WorkerStatus decoded = WorkerStatus.decode(new CBORMapper().writeValueAsBytes(newer));
		assertThat(decoded.clients()).isEqualTo(5);
		assertThat(decoded.requests()).containsExactly(Map.entry("fetch_sockets:success", new RequestTotal(3, 9)));
	}

}
