package io.synthos.ml.stats.collapse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** How signals move across generations: each series with its least-squares slope. */
public final class Trends {

  private Trends() {}

  /**
   * The least-squares slope of {@code series[i]} against generation {@code i + 1}. NaN entries
   * (generations without the signal) are left out; NaN with fewer than two values left.
   */
  public static double slope(double[] series) {
    int n = 0;
    double sumX = 0;
    double sumY = 0;
    for (int i = 0; i < series.length; i++) {
      if (!Double.isNaN(series[i])) {
        n++;
        sumX += i + 1;
        sumY += series[i];
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < series.length; i++) {
      if (!Double.isNaN(series[i])) {
        double dx = i + 1 - meanX;
        sxy += dx * (series[i] - meanY);
        sxx += dx * dx;
      }
    }
    return sxy / sxx;
  }

  /**
   * Each signal's series and slope, in the map's iteration order.
   *
   * @return {@code {<signal>: {series: [value or null], slope: value or null}}}
   */
  public static JsonObject of(Map<String, double[]> series) {
    JsonObject out = new JsonObject();
    series.forEach(
        (signal, values) -> {
          JsonArray list = new JsonArray();
          for (double value : values) {
            list.add(Double.isNaN(value) ? null : value);
          }
          out.put(signal, new JsonObject().put("series", list).put("slope", orNull(slope(values))));
        });
    return out;
  }

  private static Double orNull(double value) {
    return Double.isNaN(value) ? null : value;
  }
}
