package io.synthos.cli;

import io.synthos.api.warranties.Commitment;
import io.synthos.api.warranties.Disclosure;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The options of {@code warranty verify} that check which real data a warranty commits to: the
 * warranty's salt, and the reference and holdout as files or digests.
 */
final class DisclosureOptions {

  @ArgGroup(exclusive = true)
  Salt salt;

  @ArgGroup(exclusive = true)
  Reference reference;

  @ArgGroup(exclusive = true)
  Holdout holdout;

  /** The warranty's salt, typed or saved by {@code warranty request --salt-out}. */
  static final class Salt {
    @Option(
        names = "--salt",
        paramLabel = "HEX",
        description = "The warranty's salt (its commitment_salt), to check --reference/--holdout.")
    String hex;

    @Option(
        names = "--salt-file",
        paramLabel = "FILE",
        description = "Read the salt from this file (as warranty request --salt-out saves it).")
    Path file;
  }

  /** The reference the validation compared with: its bytes or their digest. */
  static final class Reference {
    @Option(
        names = "--reference",
        paramLabel = "FILE",
        description = "Your copy of the reference (real) dataset the validation read.")
    Path file;

    @Option(names = "--reference-sha256", paramLabel = "HEX", description = "Its SHA-256.")
    String sha256;
  }

  /** The holdout the validation kept out of training: its bytes or their digest. */
  static final class Holdout {
    @Option(
        names = "--holdout",
        paramLabel = "FILE",
        description = "Your copy of the holdout dataset the validation read.")
    Path file;

    @Option(names = "--holdout-sha256", paramLabel = "HEX", description = "Its SHA-256.")
    String sha256;
  }

  /** What to check, or null when no option asks; a salt without a dataset (or one without) is 2. */
  Disclosure disclosure() {
    if (salt == null && reference == null && holdout == null) {
      return null;
    }
    if (salt == null || (reference == null && holdout == null)) {
      throw CliException.badInput(
          "--salt (or --salt-file) goes with --reference or --holdout (or their -sha256): give both");
    }
    return new Disclosure(
        salt(),
        reference == null ? null : digest(reference.file, reference.sha256, "--reference"),
        holdout == null ? null : digest(holdout.file, holdout.sha256, "--holdout"));
  }

  /** What the line for {@code dataset} ("reference" or "holdout") says of a valid warranty. */
  String checked(String dataset, JsonObject predicate) {
    Object given = "reference".equals(dataset) ? reference : holdout;
    JsonObject commitments = predicate.getJsonObject("commitments");
    if (given != null) {
      return "matches its commitment";
    }
    if (commitments == null) {
      return "not committed (a v1 warranty)";
    }
    return commitments.getString(dataset) == null
        ? "none read"
        : "committed, not checked (give --salt and --" + dataset + ")";
  }

  private String salt() {
    String hex = salt.hex;
    if (salt.file != null) {
      try {
        hex = Files.readString(Uploads.readable(salt.file), StandardCharsets.US_ASCII).strip();
      } catch (IOException e) {
        throw CliException.badInput("cannot read " + salt.file + ": " + e.getMessage());
      }
    }
    if (!Commitment.isHex64(hex)) {
      throw CliException.badInput("the salt must be 64 hexadecimal digits");
    }
    return hex;
  }

  private static String digest(Path file, String sha256, String option) {
    if (file != null) {
      return Uploads.sha256(Uploads.readable(file));
    }
    if (!Commitment.isHex64(sha256)) {
      throw CliException.badInput(option + "-sha256 must be 64 hexadecimal digits");
    }
    return sha256;
  }
}
