package io.synthos.api.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The column pair trends as a grid of columns × columns, each cell coloured by its pair's score
 * (the grid is symmetric; the diagonal and pairs without a score are grey). Columns are numbered
 * across the top and named down the left, so forty of them still fit a page.
 */
final class HeatMap {

  private static final int CELL = 14;
  private static final int NAME_WIDTH = 160;
  private static final int NAME_LENGTH = 22;
  private static final int HEADER = 18;
  private static final int LEGEND = 34;
  private static final int LEGEND_STEPS = 5;

  /** The grid and how many columns the pairs named, before the cap. */
  record Grid(Chart chart, int columns) {}

  private HeatMap() {}

  /**
   * The heat map of {@code pairs} ({@code {columns: [a, b], metric, score, reason?}}) over the
   * first {@code cap} columns they name, in order of first appearance; null without a pair.
   */
  static Grid of(JsonArray pairs, int cap) {
    Map<String, Integer> index = new LinkedHashMap<>();
    Map<String, JsonObject> byCell = new HashMap<>();
    for (Object item : pairs) {
      if (!(item instanceof JsonObject pair)) {
        continue;
      }
      JsonArray names = pair.getJsonArray("columns", new JsonArray());
      if (names.size() != 2) {
        continue;
      }
      String a = String.valueOf(names.getValue(0));
      String b = String.valueOf(names.getValue(1));
      int i = index.computeIfAbsent(a, name -> index.size());
      int j = index.computeIfAbsent(b, name -> index.size());
      // Only the drawn cells are kept: a wide dataset has pairs by the hundred thousand.
      if (i < cap && j < cap) {
        byCell.put(key(i, j), pair);
        byCell.put(key(j, i), pair);
      }
    }
    if (index.isEmpty()) {
      return null;
    }
    List<String> columns = new ArrayList<>(index.keySet()).subList(0, Math.min(cap, index.size()));
    return new Grid(draw(columns, byCell), index.size());
  }

  private static Chart draw(List<String> columns, Map<String, JsonObject> byCell) {
    int size = columns.size();
    int width = NAME_WIDTH + size * CELL + 8;
    int gridBottom = HEADER + size * CELL;
    List<Chart.Bar> cells = new ArrayList<>();
    List<Chart.Label> labels = new ArrayList<>();
    for (int row = 0; row < size; row++) {
      String name = columns.get(row);
      labels.add(
          new Chart.Label(
              NAME_WIDTH - 4,
              HEADER + row * CELL + CELL - 3,
              "end",
              (row + 1) + " " + Svg.shorten(name, NAME_LENGTH)));
      labels.add(
          new Chart.Label(
              NAME_WIDTH + row * CELL + CELL / 2.0, HEADER - 4, "middle", String.valueOf(row + 1)));
      for (int col = 0; col < size; col++) {
        JsonObject pair = row == col ? null : byCell.get(key(row, col));
        Number score = pair == null ? null : pair.getNumber("score");
        cells.add(
            new Chart.Bar(
                NAME_WIDTH + col * CELL,
                HEADER + row * CELL,
                CELL - 1,
                CELL - 1,
                score == null ? Svg.NEUTRAL : Svg.scoreColour(score.doubleValue()),
                "cell",
                tip(name, columns.get(col), pair)));
      }
    }
    double legendY = gridBottom + 10;
    double step = (double) size * CELL / LEGEND_STEPS;
    for (int i = 0; i < LEGEND_STEPS; i++) {
      double value = (i + 0.5) / LEGEND_STEPS;
      cells.add(
          new Chart.Bar(
              NAME_WIDTH + i * step,
              legendY,
              step,
              8,
              Svg.scoreColour(value),
              "legend",
              "score around " + Formats.figure(value)));
    }
    labels.add(new Chart.Label(NAME_WIDTH - 4, legendY + 8, "end", "score 0"));
    labels.add(new Chart.Label(NAME_WIDTH + size * CELL, legendY + 22, "end", "1"));
    return new Chart(
        "heatmap",
        width,
        gridBottom + LEGEND,
        "Column pair trends: the score of each pair of columns",
        cells,
        List.of(),
        List.of(),
        labels);
  }

  private static String tip(String row, String col, JsonObject pair) {
    if (row.equals(col)) {
      return row;
    }
    if (pair == null) {
      return row + " × " + col + ": not compared";
    }
    String metric = pair.getString("metric", "score");
    Number score = pair.getNumber("score");
    return row
        + " × "
        + col
        + ": "
        + metric
        + " "
        + (score == null ? pair.getString("reason", Formats.NONE) : Formats.score(score));
  }

  private static String key(int row, int col) {
    return row + ":" + col;
  }
}
