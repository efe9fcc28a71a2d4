package io.synthos.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.synthos.proto.v1.ReportSection;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The command line talks to a node only through its REST API, as a remote user would: of the
 * backend it uses the launcher (to start a node), the configuration, the warranty verifier, and the
 * names of the report's sections (the contract's enum, which the REST API's names come from).
 */
@DisplayName("The command line's boundaries")
class CliBoundariesTest {

  private static final Set<String> VERIFIER =
      Set.of("EnvelopeVerifier", "Jwks", "Verdict", "Disclosure", "Commitment");

  @Test
  @DisplayName(
      "uses the launcher, the platform, the warranty verifier and the section names, nothing else"
          + " of Synthos")
  void onlyThroughTheApi() {
    noClasses()
        .that()
        .resideInAPackage("io.synthos.cli..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are Synthos internals",
                (JavaClass type) -> {
                  String pkg = type.getPackageName();
                  return pkg.startsWith("io.synthos")
                      && !pkg.startsWith("io.synthos.cli")
                      && !pkg.startsWith("io.synthos.launcher")
                      && !pkg.startsWith("io.synthos.platform")
                      && !(pkg.equals("io.synthos.api.warranties")
                          && VERIFIER.contains(type.getSimpleName()))
                      && !type.isEquivalentTo(ReportSection.class);
                }))
        .allowEmptyShould(false)
        .check(
            new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.synthos.cli"));
  }
}
