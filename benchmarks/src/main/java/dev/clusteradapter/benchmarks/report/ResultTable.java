package dev.clusteradapter.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The markdown table of a run: one row per scenario and metric, a column per target, the
 * ratios of one target to another (ours/node), the goal and whether ours meets it. Cells
 * are medians over rounds, optionally with their spread: {@code median [smallest, largest]}.
 */
public final class ResultTable {

	/**
	 * Column names of the targets of the main run, in table order; the floor serves the
	 * fan-out and saturation rows only.
	 */
	public static final List<String> TARGETS = List.of("ours", "node", "netty-socketio", "floor");

	private final List<Row> rows = new ArrayList<>();

	private final List<String> columns;

	private final List<Ratio> ratios;

	private final boolean spreads;

	/**
	 * The table of the main run: ours, node, netty-socketio and the floor, the ratios
	 * ours/node and ours/floor, medians with their spreads.
	 */
	public ResultTable() {
		this(TARGETS, List.of(new Ratio("ours/node", "ours", "node"), new Ratio("ours/floor", "ours", "floor")), true);
	}

	/**
	 * A table of other targets.
	 * @param columns the targets' names, in table order
	 * @param ratios ratio columns, after the targets
	 * @param spreads whether each cell shows the smallest and largest figure of its rounds
	 * (when they differ as shown)
	 */
	public ResultTable(List<String> columns, List<Ratio> ratios, boolean spreads) {
		this.columns = List.copyOf(columns);
		this.ratios = List.copyOf(ratios);
		this.spreads = spreads;
	}

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
		StringBuilder out = new StringBuilder("| scenario | metric");
		this.columns.forEach((column) -> out.append(" | ").append(column));
		this.ratios.forEach((ratio) -> out.append(" | ").append(ratio.label));
		out.append(" | goal | met? |\n|---|---");
		out.append("|---:".repeat(this.columns.size() + this.ratios.size())).append("|---|---|\n");
		for (Row row : this.rows) {
			Cells cells = new Cells(measurements, row.scenario);
			out.append("| ").append(row.scenario).append(" | ").append(row.metric);
			for (String target : this.columns) {
				out.append(" | ").append(cell(measurements, row, target));
			}
			for (Ratio ratio : this.ratios) {
				double numerator = cells.of(row.metric, ratio.numerator);
				double denominator = cells.of(row.metric, ratio.denominator);
				boolean shown = row.ratio && !Double.isNaN(numerator) && !Double.isNaN(denominator) && denominator > 0
						&& numerator >= 0;
				out.append(" | ").append(shown ? format(numerator / denominator) + "×" : "");
			}
			out.append(" | ").append(row.goal).append(" | ").append(verdict(row, cells)).append(" |\n");
		}
		return out.toString();
	}

	private String cell(Measurements measurements, Row row, String target) {
		double median = measurements.median(row.scenario, row.metric, target);
		double min = measurements.min(row.scenario, row.metric, target);
		double max = measurements.max(row.scenario, row.metric, target);
		if (!this.spreads || Double.isNaN(median) || format(min).equals(format(max))) {
			return format(median);
		}
		return format(median) + " [" + format(min) + ", " + format(max) + "]";
	}

	private String verdict(Row row, Cells cells) {
		if (row.met == null) {
			return "";
		}
		if (Double.isNaN(cells.of(row.metric, this.columns.get(0)))) {
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
	 * A ratio column: one target's median over another's.
	 * @param label the column's heading
	 * @param numerator the target above the line
	 * @param denominator the target below it
	 */
	public record Ratio(String label, String numerator, String denominator) {
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
