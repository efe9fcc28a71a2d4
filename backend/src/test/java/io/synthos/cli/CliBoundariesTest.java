package io.synthos.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The command line talks to a node only through its REST API, as a remote user would: of the
 * backend it uses the launcher (to start a node), the configuration, and the warranty verifier.
 */
@DisplayName("The command line's boundaries")
class CliBoundariesTest {

  private static final Set<String> VERIFIER =
      Set.of("EnvelopeVerifier", "Jwks", "Verdict", "Disclosure", "Commitment");

  @Test
  @DisplayName("uses the launcher, the platform and the warranty verifier, nothing else of Synthos")
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
                          && VERIFIER.contains(type.getSimpleName()));
                }))
        .allowEmptyShould(false)
        .check(
            new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.synthos.cli"));
  }
}
