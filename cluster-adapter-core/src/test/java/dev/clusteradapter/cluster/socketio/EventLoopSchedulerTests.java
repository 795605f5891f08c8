package dev.clusteradapter.cluster.socketio;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.corundumstudio.socketio.scheduler.SchedulerKey;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * netty-socketio's timers on real event loops: a session's ping set again replaces the one
 * before, a cancelled timer never runs, a timer runs on the loop that set it, and the table of
 * keys empties as timers run.
 */
class EventLoopSchedulerTests {

	private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);

	private final EventLoopScheduler scheduler = new EventLoopScheduler(this.loops);

	@AfterEach
	void shutdown() {
		this.loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Test
	void aTimerSetAgainUnderItsKeyReplacesTheOneBefore() throws Exception {
		SchedulerKey key = new SchedulerKey(SchedulerKey.Type.PING, UUID.randomUUID());
		List<String> ran = new CopyOnWriteArrayList<>();
		CountDownLatch second = new CountDownLatch(1);
		this.scheduler.schedule(key, () -> ran.add("first"), 100, TimeUnit.MILLISECONDS);
		this.scheduler.schedule(key, () -> {
			ran.add("second");
			second.countDown();
		}, 150, TimeUnit.MILLISECONDS);
		assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
		// past the first one's deadline too
		Thread.sleep(100);
		assertThat(ran).containsExactly("second");
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void aCancelledTimerNeverRuns() throws Exception {
		SchedulerKey key = new SchedulerKey(SchedulerKey.Type.PING_TIMEOUT, UUID.randomUUID());
		List<String> ran = new CopyOnWriteArrayList<>();
		this.scheduler.schedule(key, () -> ran.add("timeout"), 50, TimeUnit.MILLISECONDS);
		this.scheduler.cancel(key);
		assertThat(this.scheduler.pending()).isZero();
		CountDownLatch later = new CountDownLatch(1);
		this.scheduler.schedule(later::countDown, 150, TimeUnit.MILLISECONDS);
		assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(ran).isEmpty();
	}

	@Test
	void aTimerRunsOnTheLoopThatSetIt() throws Exception {
		for (int i = 0; i < 4; i++) {
			EventLoop setter = this.loops.next();
			AtomicReference<Boolean> onSetter = new AtomicReference<>();
			CountDownLatch ran = new CountDownLatch(1);
			SchedulerKey key = new SchedulerKey(SchedulerKey.Type.ACK_TIMEOUT, UUID.randomUUID());
			setter.execute(() -> this.scheduler.scheduleCallback(key, () -> {
				onSetter.set(setter.inEventLoop());
				ran.countDown();
			}, 10, TimeUnit.MILLISECONDS));
			assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(onSetter.get()).isTrue();
		}
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.scheduler.pending() == 0);
	}

	@Test
	void shutdownCancelsTheKeyedTimers() throws Exception {
		List<String> ran = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 10; i++) {
			this.scheduler.schedule(new SchedulerKey(SchedulerKey.Type.PING, UUID.randomUUID()),
					() -> ran.add("ping"), 100, TimeUnit.MILLISECONDS);
		}
		assertThat(this.scheduler.pending()).isEqualTo(10);
		this.scheduler.shutdown();
		assertThat(this.scheduler.pending()).isZero();
		CountDownLatch later = new CountDownLatch(1);
		this.scheduler.schedule(later::countDown, 200, TimeUnit.MILLISECONDS);
		assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(ran).isEmpty();
	}

}
