package io.synthos.cli;

import io.synthos.api.warranties.Disclosure;
import io.synthos.api.warranties.EnvelopeVerifier;
import io.synthos.api.warranties.Jwks;
import io.synthos.api.warranties.Verdict;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code warranty verify}: checks an envelope's signature, expiry, dataset digest and, given the
 * salt, its commitments to the real data, with the verifier the node itself uses, offline when the
 * keys come from a file.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    header = "Verifies a warranty envelope offline.",
    description = {
      "Verifies a warranty envelope: the signature against the node's public "
          + "keys, the expiry, and (with --file or --sha256) that it covers your "
          + "dataset; with --salt and --reference (or --holdout), that it commits "
          + "to that real data. Needs no server with a JWKS file. Exits 0 when valid, 1 when "
          + "not (saying why), 2 on bad input. Revocation is the one thing an "
          + "offline check cannot see: ask the node (POST "
          + "/api/v1/warranties/verify)."
    })
final class WarrantyVerifyCommand implements Callable<Integer> {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  /** Why each verdict fails, in words. */
  private static final Map<String, String> WHY =
      Map.of(
          Verdict.MALFORMED, "this is not a Synthos warranty envelope, or it is damaged",
          Verdict.UNKNOWN_KEY,
              "no key of the JWKS made the signature: another issuer, or the wrong keys",
          Verdict.BAD_SIGNATURE,
              "the signature does not match: the envelope was altered after signing",
          Verdict.EXPIRED, "the warranty has expired",
          Verdict.REVOKED, "the issuer has revoked the warranty",
          Verdict.DIGEST_MISMATCH, "the warranty covers other bytes than your dataset",
          Verdict.COMMITMENT_MISMATCH,
              "the warranty does not commit to that real data under this salt: another file,"
                  + " or another salt");

  private final Console console;

  @Parameters(index = "0", paramLabel = "ENVELOPE", description = "The envelope's JSON file.")
  Path envelopeFile;

  @Option(
      names = "--jwks",
      paramLabel = "URL-or-FILE",
      description = "The issuer's public keys (its /.well-known/jwks.json), as a file or a URL.")
  String jwks;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "Take the keys from this node's /.well-known/jwks.json instead.")
  String server;

  @ArgGroup(exclusive = true)
  Dataset dataset;

  /** The dataset the warranty should cover: its bytes or their digest. */
  static final class Dataset {
    @Option(names = "--file", paramLabel = "FILE", description = "Your copy of the dataset.")
    Path file;

    @Option(names = "--sha256", paramLabel = "HEX", description = "Your dataset's SHA-256.")
    String sha256;
  }

  @Mixin DisclosureOptions real = new DisclosureOptions();

  WarrantyVerifyCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    JsonObject envelope = envelope();
    String expected = expectedDigest();
    Disclosure disclosure = real.disclosure();
    Map<String, ECPublicKey> keys = keys();
    Verdict verdict =
        EnvelopeVerifier.verify(envelope, keys, Instant.now(), expected, disclosure, id -> false);
    if (!verdict.valid()) {
      console.out().printf("INVALID: %s: %s%n", verdict.reason(), WHY.get(verdict.reason()));
      console.out().flush();
      return CliException.FAILED;
    }
    JsonObject predicate = verdict.statement().getJsonObject("predicate");
    console.out().println("VALID");
    console.out().printf("warranty     %s%n", predicate.getString("warranty_id"));
    console.out().printf("tier         %s%n", predicate.getString("tier"));
    console.out().printf("issued       %s%n", predicate.getString("issued_at"));
    console.out().printf("expires      %s%n", predicate.getString("expires_at"));
    console
        .out()
        .printf(
            "dataset      %s%n",
            expected == null
                ? "not checked (give --file or --sha256)"
                : "matches sha256 " + expected.toLowerCase(Locale.ROOT));
    console.out().printf("reference    %s%n", real.checked("reference", predicate));
    console.out().printf("holdout      %s%n", real.checked("holdout", predicate));
    console.out().println("revocation   not checked offline");
    console.out().flush();
    return CliException.OK;
  }

  private JsonObject envelope() {
    Path file = Uploads.readable(envelopeFile);
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + file + ": " + e.getMessage());
    } catch (DecodeException e) {
      throw CliException.badInput(file + " is not a JSON object");
    }
  }

  private String expectedDigest() {
    if (dataset == null) {
      return null;
    }
    if (dataset.file != null) {
      return Uploads.sha256(Uploads.readable(dataset.file));
    }
    if (!SHA256.matcher(dataset.sha256).matches()) {
      throw CliException.badInput("--sha256 must be 64 hexadecimal digits");
    }
    return dataset.sha256;
  }

  /** The trusted keys: from --jwks (a file or a URL), else from --server. */
  private Map<String, ECPublicKey> keys() {
    JsonObject set;
    if (jwks != null && (jwks.startsWith("http://") || jwks.startsWith("https://"))) {
      set = fetch(URI.create(jwks));
    } else if (jwks != null) {
      try {
        set = new JsonObject(Files.readString(Uploads.readable(Path.of(jwks))));
      } catch (IOException | DecodeException e) {
        throw CliException.badInput("--jwks: cannot read " + jwks + " as JSON");
      }
    } else if (server != null) {
      ServerOptions node = new ServerOptions();
      node.server = server;
      set = new SynthosClient(node.url(console), null).jwks();
    } else {
      throw CliException.badInput("give the issuer's keys with --jwks FILE-or-URL or --server URL");
    }
    try {
      return Jwks.parse(set);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--jwks: not a usable key set: " + e.getMessage());
    }
  }

  /** A JWKS at any URL: the client's path resolution is for a node's base, so ask directly. */
  private static JsonObject fetch(URI url) {
    URI base = url.resolve("/");
    String path = base.relativize(url).toString();
    return new SynthosClient(base, null).getPublic(path);
  }
}
