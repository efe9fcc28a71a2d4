package io.synthos.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.synthos.platform.http.Problem;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.json.JsonArray;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ML services and the backend meet only through the generated gRPC stubs: neither imports the
 * other, and the stubs import neither. The Maven modules already keep the ML code from compiling
 * against the backend; these rules also keep the backend off ML classes (the launcher alone deploys
 * them, by name) and the ML code within the parts of Vert.x a gRPC service needs.
 */
@DisplayName("Module boundaries")
class ModuleBoundariesTest {

  private static final String ML = "io.synthos.ml..";
  private static final String PROTO = "io.synthos.proto..";
  private static final String SYNTHOS = "io.synthos..";

  /** The API's resource packages that own a table (ARCHITECTURE.md: "handlers and SQL"). */
  private static final String[] TABLE_OWNERS = {
    "io.synthos.api.datasets..",
    "io.synthos.api.validations..",
    "io.synthos.api.warranties..",
    "io.synthos.api.analytics.."
  };

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("io.synthos");
  }

  @Test
  @DisplayName("ML code uses no Synthos code but its own and the generated stubs")
  void mlStaysInsideMlAndProto() {
    noClasses()
        .that()
        .resideInAPackage(ML)
        .should()
        .dependOnClassesThat(resideInAPackage(SYNTHOS).and(resideOutsideOfPackages(ML, PROTO)))
        .allowEmptyShould(false)
        .check(production);
  }

  @Test
  @DisplayName(
      "ML code uses only the JDK, Vert.x core, gRPC and breakers, protobuf, SLF4J, FastCSV, stubs")
  void mlUsesOnlyItsLibraries() {
    classes()
        .that()
        .resideInAPackage(ML)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            // Not the event bus, the web router, SQL, Redis or auth: the services speak gRPC only.
            "io.vertx.core",
            "io.vertx.core.buffer",
            "io.vertx.core.file",
            "io.vertx.core.http",
            "io.vertx.core.json",
            "io.vertx.core.net",
            "io.vertx.core.streams",
            "io.vertx.grpc..",
            "io.vertx.circuitbreaker",
            "com.google.protobuf..",
            "org.slf4j..",
            "de.siegmar.fastcsv..",
            ML,
            PROTO)
        .allowEmptyShould(false)
        .check(production);
  }

  @Test
  @DisplayName("the backend never uses ML code")
  void backendNeverUsesMl() {
    noClasses()
        .that()
        .resideInAPackage(SYNTHOS)
        .and()
        .resideOutsideOfPackages(ML, PROTO)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ML)
        // Fails if empty, so the rule cannot pass by matching nothing (io.synthos.platform exists).
        .allowEmptyShould(false)
        .check(production);
  }

  @Test
  @DisplayName("the generated stubs use neither the backend nor ML code")
  void stubsUseNeither() {
    noClasses()
        .that()
        .resideInAPackage(PROTO)
        .should()
        .dependOnClassesThat(resideInAPackage(SYNTHOS).and(resideOutsideOfPackage(PROTO)))
        .allowEmptyShould(false)
        .check(production);
  }

  @Test
  @DisplayName(
      "SQL in the API lives only in the resources that own a table; accounts go through auth")
  void apiQueriesOnlyItsOwnTables() {
    noClasses()
        .that()
        .resideInAPackage("io.synthos.api..")
        .and()
        .resideOutsideOfPackages(TABLE_OWNERS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.pgclient..", "java.sql..")
        .allowEmptyShould(false)
        .check(production);
  }

  @Test
  @DisplayName("the API uses only the auth verticle's client and records, not its internals")
  void apiUsesAuthThroughItsClient() {
    Set<String> published =
        Set.of("AuthClient", "Account", "TokenPair", "Principal", "Access", "AccessRules");
    noClasses()
        .that()
        .resideInAPackage("io.synthos.api..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are auth internals",
                (JavaClass type) ->
                    type.getPackageName().startsWith("io.synthos.auth")
                        && !published.contains(type.getSimpleName())))
        .allowEmptyShould(false)
        .check(production);
  }

  @Test
  @DisplayName("problem types come from their catalogue; no other code spells one")
  void problemTypesComeFromTheCatalogue() {
    Class<?>[] constructor = {String.class, String.class, int.class, String.class, JsonArray.class};
    // The catalogue calls this constructor, so the rule after it cannot pass by matching nothing.
    classes()
        .that()
        .areAssignableTo(ProblemType.class)
        .should()
        .callConstructor(Problem.class, constructor)
        .check(production);
    // Problem itself only copies a type it was given (withErrors, fromJson) or writes about:blank.
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(Problem.class.getName())
        .and()
        .areNotAssignableTo(ProblemType.class)
        .should()
        .callConstructor(Problem.class, constructor)
        .allowEmptyShould(false)
        .check(production);
  }
}
