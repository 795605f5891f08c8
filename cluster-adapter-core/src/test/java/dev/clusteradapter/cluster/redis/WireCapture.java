package dev.clusteradapter.cluster.redis;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands of one capture ({@code redis/captures/*.jsonl}), by step.
 */
final class WireCapture {

	private final List<CapturedCommand> commands;

	WireCapture(List<CapturedCommand> commands) {
		this.commands = commands;
	}

	List<CapturedCommand> step(String step) {
		return this.commands.stream().filter((command) -> command.step().equals(step)).toList();
	}

	List<CapturedCommand> publishes() {
		return this.commands.stream().filter(CapturedCommand::isPublish).toList();
	}

	List<CapturedCommand> publishes(String step) {
		return step(step).stream().filter(CapturedCommand::isPublish).toList();
	}

	/** The one message a step published. */
	CapturedCommand onlyPublish(String step) {
		List<CapturedCommand> published = publishes(step);
		assertThat(published).as("messages published by '%s'", step).hasSize(1);
		return published.get(0);
	}

	/** The arguments, as text, of each command of a kind that a connection sent in a step. */
	List<List<String>> args(String step, String from, String command) {
		return step(step).stream()
			.filter((sent) -> sent.from().equals(from) && sent.command().equals(command))
			.map(CapturedCommand::textArgs)
			.toList();
	}

}
