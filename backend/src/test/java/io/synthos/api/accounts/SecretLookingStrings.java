package io.synthos.api.accounts;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every string in a tree of files that someone could try as a signing key: the quoted strings of
 * any text file, the values of YAML keys, the lines of plain lists. A string is kept when it looks
 * like a token (16 or more characters without a space) or when its line or key speaks of a secret,
 * password, key, token or salt (8 or more characters).
 */
final class SecretLookingStrings {

  private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
  private static final Pattern CHAR_LITERAL = Pattern.compile("'(?:[^'\\\\\\n]|\\\\.)'");
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  private static final Pattern YAML_ENTRY = Pattern.compile("^\\s*-?\\s*([\\w.-]+)\\s*:\\s*(.*)$");
  private static final Pattern HINT = Pattern.compile("(?i)secret|passw|key|token|salt|credential");
  private static final Pattern TOKEN_LIKE = Pattern.compile("\\S{16,512}");

  private SecretLookingStrings() {}

  /** The secret-looking strings of every text file under {@code root}. */
  static Set<String> under(Path root) throws IOException {
    Set<String> found = new TreeSet<>();
    for (Path file : textFiles(root)) {
      String text;
      try {
        text = Files.readString(file);
      } catch (MalformedInputException e) {
        continue; // not text
      }
      found.addAll(in(file.toString(), text));
    }
    return found;
  }

  /**
   * Only the strings whose line speaks of a secret (such as a test's {@code JWT_SECRET} constant),
   * for trees full of ordinary test strings.
   */
  static Set<String> besideSecretWords(Path root) throws IOException {
    Set<String> found = new TreeSet<>();
    for (Path file : textFiles(root)) {
      for (String line : Files.readAllLines(file)) {
        if (HINT.matcher(line).find()) {
          quoted(line).stream().filter(value -> value.length() >= 8).forEach(found::add);
        }
      }
    }
    return found;
  }

  private static Set<String> in(String name, String text) {
    Set<String> found = new TreeSet<>();
    String rest = text;
    if (name.endsWith(".java")) {
      Matcher blocks = TEXT_BLOCK.matcher(rest);
      while (blocks.find()) {
        blocks.group(1).lines().map(String::strip).forEach(line -> keep(line, false, found));
      }
      rest = CHAR_LITERAL.matcher(TEXT_BLOCK.matcher(rest).replaceAll("")).replaceAll("''");
    }
    for (String line : rest.split("\n")) {
      boolean hinted = HINT.matcher(line).find();
      quoted(line).forEach(value -> keep(value, hinted, found));
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        Matcher entry = YAML_ENTRY.matcher(line);
        if (entry.matches()) {
          String value = entry.group(2).replaceAll("\\s+#.*$", "").strip();
          keep(value.replaceAll("^[\"']|[\"']$", ""), HINT.matcher(entry.group(1)).find(), found);
        }
      } else if (!name.endsWith(".java")) {
        keep(line.strip(), hinted, found);
      }
    }
    return found;
  }

  private static List<String> quoted(String line) {
    List<String> values = new ArrayList<>();
    Matcher quoted = QUOTED.matcher(line);
    while (quoted.find()) {
      values.add(quoted.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    return values;
  }

  private static void keep(String value, boolean hinted, Set<String> found) {
    if (TOKEN_LIKE.matcher(value).matches() || (hinted && value.length() >= 8)) {
      found.add(value);
    }
  }

  private static List<Path> textFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
