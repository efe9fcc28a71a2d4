package io.synthos.api.warranties;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM text (RFC 7468): one labelled block of base64 DER. */
final class Pem {

  private Pem() {}

  static String encode(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  /**
   * @throws IllegalArgumentException when the text holds no block with this label
   */
  static byte[] decode(String text, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = from < 0 ? -1 : text.indexOf(end, from);
    if (to < 0) {
      throw new IllegalArgumentException("no '" + begin + "' block");
    }
    return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
  }
}
