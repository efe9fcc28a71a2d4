package io.synthos.ml.stats;

import java.util.List;
import java.util.Objects;

/**
 * A column present, with the same kind, in the real (reference) and the synthetic dataset, and in
 * the holdout when there is one. Categorical and boolean columns of all three share {@code
 * categories}: code {@code i} means {@code categories.get(i)} in each.
 *
 * @param holdout the holdout's column, or null without a holdout
 * @param categories the category labels in code order; empty for numeric and datetime columns
 */
public record MatchedColumn(
    String name,
    Column.Kind kind,
    Column real,
    Column synthetic,
    Column holdout,
    List<String> categories) {

  public MatchedColumn {
    Objects.requireNonNull(real, "real");
    Objects.requireNonNull(synthetic, "synthetic");
    categories = List.copyOf(categories);
    for (Column column :
        holdout == null ? List.of(real, synthetic) : List.of(real, synthetic, holdout)) {
      if (column.kind() != kind) {
        throw new IllegalArgumentException(
            "column " + name + " is " + column.kind() + " in one dataset and " + kind + " here");
      }
    }
  }

  public boolean numeric() {
    return kind.numeric();
  }
}
