package dev.clusteradapter.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures collected over rounds, by scenario, metric and target; a cell is the median of
 * its rounds, so one noisy round on a shared machine does not decide it.
 */
public final class Measurements {

	private final Map<String, List<Double>> values = new LinkedHashMap<>();

	/**
	 * Records one round's figure (NaN is ignored: a failed run leaves the cell empty).
	 * @param scenario the scenario label
	 * @param metric the metric label
	 * @param target the target's name
	 * @param value the figure
	 */
	public synchronized void add(String scenario, String metric, String target, double value) {
		if (!Double.isNaN(value)) {
			this.values.computeIfAbsent(key(scenario, metric, target), (key) -> new ArrayList<>()).add(value);
		}
	}

	/**
	 * The median over rounds.
	 * @param scenario the scenario label
	 * @param metric the metric label
	 * @param target the target's name
	 * @return the median, NaN without any figure
	 */
	public synchronized double median(String scenario, String metric, String target) {
		List<Double> sorted = new ArrayList<>(this.values.getOrDefault(key(scenario, metric, target), List.of()));
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		sorted.sort(null);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/**
	 * The smallest figure over rounds.
	 * @param scenario the scenario label
	 * @param metric the metric label
	 * @param target the target's name
	 * @return the minimum, NaN without any figure
	 */
	public synchronized double min(String scenario, String metric, String target) {
		return this.values.getOrDefault(key(scenario, metric, target), List.of()).stream().mapToDouble(Double::doubleValue)
			.min().orElse(Double.NaN);
	}

	/**
	 * The largest figure over rounds.
	 * @param scenario the scenario label
	 * @param metric the metric label
	 * @param target the target's name
	 * @return the maximum, NaN without any figure
	 */
	public synchronized double max(String scenario, String metric, String target) {
		return this.values.getOrDefault(key(scenario, metric, target), List.of()).stream().mapToDouble(Double::doubleValue)
			.max().orElse(Double.NaN);
	}

	/**
	 * How many rounds gave a figure.
	 * @param scenario the scenario label
	 * @param metric the metric label
	 * @param target the target's name
	 * @return the count
	 */
	public synchronized int rounds(String scenario, String metric, String target) {
		return this.values.getOrDefault(key(scenario, metric, target), List.of()).size();
	}

	private static String key(String scenario, String metric, String target) {
		return scenario + '\u0000' + metric + '\u0000' + target;
	}

}
