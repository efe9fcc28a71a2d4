package io.synthos.launcher;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps credentials that travel in URLs out of exported spans: an upload URL is its own credential,
 * and Vert.x records the request path of every HTTP span.
 */
final class UrlRedaction implements SpanProcessor {

  private static final Pattern UPLOAD = Pattern.compile("(/datasets/uploads/)[^/?#]+");
  private static final List<AttributeKey<String>> URLS =
      List.of(
          AttributeKey.stringKey("url.path"),
          AttributeKey.stringKey("url.full"),
          AttributeKey.stringKey("http.url"),
          AttributeKey.stringKey("http.target"));

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    for (AttributeKey<String> key : URLS) {
      String url = span.getAttribute(key);
      if (url != null) {
        String redacted = UPLOAD.matcher(url).replaceAll("$1{token}");
        if (!redacted.equals(url)) {
          span.setAttribute(key, redacted);
        }
      }
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }
}
