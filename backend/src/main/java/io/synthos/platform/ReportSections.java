package io.synthos.platform;

import io.synthos.proto.v1.ReportSection;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The validation report's sections as the backend names them: the contract's {@link ReportSection},
 * each written on the wire by its {@link #key}. Every list of sections the backend needs derives
 * from the enum here, so a new section is added in {@code proto/} only.
 */
public final class ReportSections {

  /** Every section, in the order a reader meets them. */
  public static final List<ReportSection> ALL =
      Arrays.stream(ReportSection.values())
          .filter(
              section ->
                  section != ReportSection.REPORT_SECTION_UNSPECIFIED
                      && section != ReportSection.UNRECOGNIZED)
          .toList();

  /** What a request may ask for by name: every section but quality, which always runs. */
  public static final List<ReportSection> REQUESTABLE = without(ALL, ReportSection.QUALITY);

  /** The sections with a score of their own, 0 to 1: all but collapse, which reports a risk. */
  public static final List<ReportSection> SCORED = without(ALL, ReportSection.COLLAPSE);

  /**
   * The sections that compare the synthetic data with the real: the validation service computes
   * them and the overall score weighs them. Quality reads the synthetic data alone; collapse is the
   * collapse service's.
   */
  public static final List<ReportSection> COMPARISONS =
      without(REQUESTABLE, ReportSection.COLLAPSE);

  private ReportSections() {}

  /** The section's name on the wire: its key in a report, its name in a request. */
  public static String key(ReportSection section) {
    return section.name().toLowerCase(Locale.ROOT);
  }

  /** The keys of {@code sections}, in their order. */
  public static List<String> keys(Collection<ReportSection> sections) {
    return sections.stream().map(ReportSections::key).toList();
  }

  /** The section named {@code key} on the wire, if there is one. */
  public static Optional<ReportSection> byKey(String key) {
    return ALL.stream().filter(section -> key(section).equals(key)).findFirst();
  }

  private static List<ReportSection> without(List<ReportSection> sections, ReportSection left) {
    return sections.stream().filter(section -> section != left).toList();
  }
}
