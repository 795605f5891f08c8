package dev.clusteradapter.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The markdown table of a run: one row per scenario and metric, a column per target, the
 * ratio ours/node, the goal and whether ours meets it.
 */
public final class ResultTable {

	/** Column names of the targets, in table order. */
	public static final List<String> TARGETS = List.of("ours", "node", "netty-socketio");

	private final List<Row> rows = new ArrayList<>();

	/**
	 * Adds a row without a goal.
	 * @param scenario the scenario label
	 * @param metric the metric label
	 * @return this table
	 */
	public ResultTable row(String scenario, String metric) {
		return row(scenario, metric, "", null);
	}

	/**
	 * Adds a row.
	 * @param scenario the scenario label
	 * @param metric the metric label
	 * @param goal the goal as written in the issue
	 * @param met whether ours meets the goal (null when none), given the run's figures
	 * @return this table
	 */
	public ResultTable row(String scenario, String metric, String goal, Predicate<Cells> met) {
		this.rows.add(new Row(scenario, metric, goal, met, true));
		return this;
	}

	/**
	 * Adds a row of counts (failures, losses), whose ratio would mean nothing.
	 * @param scenario the scenario label
	 * @param metric the metric label
	 * @param goal the goal as written in the issue
	 * @param met whether ours meets the goal (null when none), given the run's figures
	 * @return this table
	 */
	public ResultTable countRow(String scenario, String metric, String goal, Predicate<Cells> met) {
		this.rows.add(new Row(scenario, metric, goal, met, false));
		return this;
	}

	/**
	 * Renders the table.
	 * @param measurements the run's figures
	 * @return markdown
	 */
	public String render(Measurements measurements) {
		StringBuilder out = new StringBuilder();
		out.append("| scenario | metric | ours | node | netty-socketio | ours/node | goal | met? |\n");
		out.append("|---|---|---:|---:|---:|---:|---|---|\n");
		for (Row row : this.rows) {
			Cells cells = new Cells(measurements, row.scenario);
			double ours = cells.of(row.metric, "ours");
			double node = cells.of(row.metric, "node");
			out.append("| ").append(row.scenario).append(" | ").append(row.metric);
			for (String target : TARGETS) {
				out.append(" | ").append(format(cells.of(row.metric, target)));
			}
			boolean ratio = row.ratio && !Double.isNaN(ours) && !Double.isNaN(node) && node > 0 && ours >= 0;
			out.append(" | ").append(ratio ? format(ours / node) + "×" : "");
			out.append(" | ").append(row.goal).append(" | ").append(verdict(row, cells, ours)).append(" |\n");
		}
		return out.toString();
	}

	private static String verdict(Row row, Cells cells, double ours) {
		if (row.met == null) {
			return "";
		}
		if (Double.isNaN(ours)) {
			return "n/a";
		}
		try {
			return row.met.test(cells) ? "yes" : "**no**";
		}
		catch (ArithmeticException ex) {
			return "n/a";
		}
	}

	/**
	 * A figure as the table shows it: no more digits than a noisy machine supports.
	 * @param value the figure
	 * @return the text, "–" for none
	 */
	public static String format(double value) {
		if (Double.isNaN(value)) {
			return "–";
		}
		double magnitude = Math.abs(value);
		if (magnitude >= 100 || value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		return String.format(Locale.ROOT, (magnitude >= 10) ? "%.1f" : "%.2f", value);
	}

	private record Row(String scenario, String metric, String goal, Predicate<Cells> met, boolean ratio) {
	}

	/**
	 * The medians of one scenario, for a goal to compare (a missing figure throws
	 * {@link ArithmeticException}, shown as n/a).
	 * @param measurements the run's figures
	 * @param scenario the scenario label
	 */
	public record Cells(Measurements measurements, String scenario) {

		/**
		 * A median, NaN when missing.
		 * @param metric the metric label
		 * @param target the target's name
		 * @return the median
		 */
		public double of(String metric, String target) {
			return this.measurements.median(this.scenario, metric, target);
		}

		/**
		 * A median that must exist.
		 * @param metric the metric label
		 * @param target the target's name
		 * @return the median
		 */
		public double require(String metric, String target) {
			double value = of(metric, target);
			if (Double.isNaN(value)) {
				throw new ArithmeticException(metric + " of " + target + " missing");
			}
			return value;
		}

		/**
		 * A median that must exist and be above zero (a base of a ratio).
		 * @param metric the metric label
		 * @param target the target's name
		 * @return the median
		 */
		public double requirePositive(String metric, String target) {
			double value = require(metric, target);
			if (value <= 0) {
				throw new ArithmeticException(metric + " of " + target + " is not positive");
			}
			return value;
		}

	}

}
