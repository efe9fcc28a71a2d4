package io.synthos.ml.common;

import io.synthos.proto.v1.ReportSection;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The report's sections as the ML services name them: the contract's {@link ReportSection}, each
 * written on the wire by its {@link #key} (the backend reads the same enum the same way).
 */
public final class ReportSections {

  /**
   * The sections that compare the synthetic data with the real, in the order they run: all but
   * quality, which reads the synthetic data alone, and collapse, the collapse service's.
   */
  public static final List<ReportSection> COMPARISONS =
      Arrays.stream(ReportSection.values())
          .filter(
              section ->
                  !Set.of(
                          ReportSection.REPORT_SECTION_UNSPECIFIED,
                          ReportSection.UNRECOGNIZED,
                          ReportSection.QUALITY,
                          ReportSection.COLLAPSE)
                      .contains(section))
          .toList();

  private ReportSections() {}

  /** The section's name on the wire: its key in the report, its name in a request. */
  public static String key(ReportSection section) {
    return section.name().toLowerCase(Locale.ROOT);
  }

  /** The comparison named {@code key} on the wire, if there is one. */
  public static Optional<ReportSection> comparison(String key) {
    return COMPARISONS.stream().filter(section -> key(section).equals(key)).findFirst();
  }
}
