package dev.clusteradapter.cluster.adapter;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RecoveryLog}: what a session missed, by socket.io's room rules, within
 * the caps and the window.
 */
class RecoveryLogTests {

	private static final EncodedArgs NONE = new EncodedArgs(new byte[0], List.of());

	private final RecoveryLog log = new RecoveryLog(5, 1000);

	private RecoveryLog.Entry append(String sender, long sequence, BroadcastTarget target, long at) {
		RecoveryLog.Entry entry = new RecoveryLog.Entry(new RecoveryOffset(sender, sequence), target, "e" + sequence, NONE, at);
		this.log.append(entry);
		return entry;
	}

	@Test
	void missedEventsFollowRoomsExceptionsAndNamespace() {
		RecoveryLog.Entry last = append("a", 1, BroadcastTarget.room("/", "r"), 0);
		RecoveryLog.Entry inRoom = append("a", 2, BroadcastTarget.room("/", "r"), 1);
		append("a", 3, BroadcastTarget.room("/", "other"), 2);
		RecoveryLog.Entry everyone = append("b", 1, new BroadcastTarget("/", List.of(), List.of(), false), 3);
		append("b", 2, new BroadcastTarget("/", List.of(), List.of("r"), false), 4);
		assertThat(this.log.after(last.offset().toString(), "/", List.of("sid", "r"), 10)).isEqualTo(List.of(inRoom, everyone));
		assertThat(this.log.after(last.offset().toString(), "/chat", List.of("sid", "r"), 10)).isEqualTo(List.of());
	}

	@Test
	void unknownOffsetAndTooManyMissedAreGaps() {
		RecoveryLog.Entry last = append("a", 1, BroadcastTarget.room("/", "r"), 0);
		append("a", 2, BroadcastTarget.room("/", "r"), 1);
		append("a", 3, BroadcastTarget.room("/", "r"), 2);
		assertThat(this.log.after("a.x", "/", List.of("r"), 10)).isEqualTo(RecoveryLog.Gap.UNKNOWN_OFFSET);
		assertThat(this.log.after(last.offset().toString(), "/", List.of("r"), 1)).isEqualTo(RecoveryLog.Gap.TOO_MANY);
		assertThat(this.log.after(last.offset().toString(), "/", List.of("r"), 2)).asList().hasSize(2);
	}

	@Test
	void capacityAndWindowDropTheOldest() {
		RecoveryLog.Entry first = append("a", 1, BroadcastTarget.room("/", "r"), 0);
		for (int i = 2; i <= 5; i++) {
			append("a", i, BroadcastTarget.room("/", "r"), i);
		}
		assertThat(this.log.after(first.offset().toString(), "/", List.of("r"), 10)).asList().hasSize(4);
		append("a", 6, BroadcastTarget.room("/", "r"), 6);
		assertThat(this.log.size()).isEqualTo(5);
		assertThat(this.log.after(first.offset().toString(), "/", List.of("r"), 10)).isEqualTo(RecoveryLog.Gap.UNKNOWN_OFFSET);
		append("a", 7, BroadcastTarget.room("/", "r"), 1005);
		// what arrived before 5 ms is past the window of 1000 ms
		assertThat(this.log.size()).isEqualTo(3);
	}

	@Test
	void beyondTakesWhatTheAnsweringNodeHadNotSeenAndNoticesWhatWasDropped() {
		append("a", 1, BroadcastTarget.room("/", "r"), 0);
		RecoveryLog.Entry newerOfA = append("a", 2, BroadcastTarget.room("/", "r"), 1);
		RecoveryLog.Entry ofNewSender = append("c", 1, BroadcastTarget.room("/", "r"), 50);
		append("d", 1, BroadcastTarget.room("/", "r"), 10);
		assertThat(this.log.beyond(Map.of("a", 1L), 20, "/", List.of("r"))).containsExactly(newerOfA, ofNewSender);
		assertThat(this.log.caughtUp(Map.of("a", 2L))).isTrue();
		assertThat(this.log.caughtUp(Map.of("a", 3L))).isFalse();
		for (int i = 3; i <= 6; i++) {
			append("a", i, BroadcastTarget.room("/", "r"), 60 + i);
		}
		// a.2 left the log: a session whose node had seen a.1 only would miss it
		assertThat(this.log.beyond(Map.of("a", 1L), 20, "/", List.of("r"))).isNull();
	}

}
