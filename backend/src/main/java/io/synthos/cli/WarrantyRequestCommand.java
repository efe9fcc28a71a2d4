package io.synthos.cli;

import io.synthos.platform.http.ProblemType;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code warranty request}: a signed warranty for a passing report, saved as its envelope, and the
 * salt that proves which real data it commits to.
 */
@Command(
    name = "request",
    mixinStandardHelpOptions = true,
    header = "Asks a server for a signed warranty on a validation.",
    description = {
      "Asks the node for a warranty of a tier (basic, standard, premium) on a "
          + "completed validation and prints or saves its envelope; asked again, the "
          + "node answers the same warranty. The envelope refers to the real data only "
          + "by salted commitments: keep the salt (--salt-out) to prove later which "
          + "reference was used. Exits 1 naming each threshold the report misses."
    })
final class WarrantyRequestCommand implements Callable<Integer> {

  private final Console console;

  @Parameters(index = "0", paramLabel = "VALIDATION_ID", description = "The validation's id.")
  String validationId;

  @Option(
      names = "--tier",
      required = true,
      paramLabel = "TIER",
      description = "basic, standard or premium (GET /api/v1/warranty-tiers lists them).")
  String tier;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Save the envelope here (else it is printed).")
  Path out;

  @Option(
      names = "--salt-out",
      paramLabel = "FILE",
      description =
          "Save the warranty's commitment salt here, readable by you alone (it is never printed).")
  Path saltOut;

  @Mixin ServerOptions server = new ServerOptions();

  WarrantyRequestCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    JsonObject warranty;
    try {
      warranty = server.client(console).requestWarranty(validationId, tier);
    } catch (ApiException e) {
      if (!e.is(ProblemType.TIER_THRESHOLDS_UNMET)) {
        throw e;
      }
      console.err().println("synthos: the report does not meet the " + tier + " tier:");
      for (Object entry : e.problem().getJsonArray("errors", new io.vertx.core.json.JsonArray())) {
        JsonObject unmet = (JsonObject) entry;
        console
            .err()
            .printf(
                "  %s: required %s, found %s%n",
                unmet.getString("threshold"), unmet.getValue("required"), unmet.getValue("found"));
      }
      console.err().flush();
      return CliException.FAILED;
    }
    String salt = warranty.getString("commitment_salt");
    if (saltOut != null && salt != null) {
      OutputFiles.writePrivate(saltOut, (salt + "\n").getBytes(StandardCharsets.US_ASCII));
    } else if (saltOut != null) {
      console.err().println("synthos: this warranty predates commitments: it has no salt to save");
    }
    String envelope = warranty.getJsonObject("envelope").encodePrettily() + "\n";
    if (out != null) {
      OutputFiles.write(out, envelope.getBytes(StandardCharsets.UTF_8));
      console
          .err()
          .printf(
              "warranty %s (%s) until %s, envelope in %s%n",
              warranty.getString("warranty_id"),
              warranty.getString("tier"),
              warranty.getString("expires_at"),
              out);
      console.err().flush();
    } else {
      console.out().print(envelope);
      console.out().flush();
    }
    return CliException.OK;
  }
}
