package io.synthos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.proto.v1.ReportSection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

@DisplayName("validate --sections")
class SectionsOptionTest {

  private final ValidateCommand.Sections sections = new ValidateCommand.Sections();

  @Test
  @DisplayName("reads a section by its name in any case, and refuses quality and unknown names")
  void reads() {
    assertThat(sections.convert("privacy")).isEqualTo(ReportSection.PRIVACY);
    assertThat(sections.convert("Collapse")).isEqualTo(ReportSection.COLLAPSE);
    assertThatThrownBy(() -> sections.convert("quality"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage(
            "'quality' is not a section; the sections are fidelity, privacy, utility, detection,"
                + " collapse");
    assertThatThrownBy(() -> sections.convert("beauty"))
        .isInstanceOf(TypeConversionException.class);
  }

  @Test
  @DisplayName("lists the sections in the help")
  void help() {
    CliRun run = CliRun.of("validate", "--help");

    assertThat(run.out().replaceAll("\\s+", " "))
        .contains(
            "Sections to compute: fidelity, privacy, utility, detection, collapse (default: all"
                + " that can run).");
  }
}
