package dev.runbooks.starter.intake.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.runbooks.starter.internal.ErrorText;
import java.io.IOException;
import java.util.Map;

/**
 * Parses a webhook body strictly: one JSON value and nothing after it, no key twice in an object,
 * and no NUL character (U+0000) in any key or string, which PostgreSQL cannot store. Every refusal
 * is a 400 naming the field ({@code alerts[0].labels.job}) and saying what is wrong, in words of
 * its own, never a parser's class names.
 */
final class WebhookJson {
  /** The mapper of webhook bodies: duplicate keys and trailing tokens are errors. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private WebhookJson() {}

  /** The body's JSON tree; throws a 400 {@link WebhookException} for anything malformed. */
  static JsonNode parse(byte[] body) {
    JsonNode root;
    try (JsonParser p = MAPPER.createParser(body)) {
      try {
        // Trailing data is checked below, to say so in plain words.
        root = MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(p);
      } catch (JsonProcessingException e) {
        throw refused(p, e);
      }
      if (root == null || root.isMissingNode()) {
        throw WebhookException.invalid("body", "is empty; send a JSON object");
      }
      JsonToken next;
      try {
        next = p.nextToken();
      } catch (JsonProcessingException e) {
        next = JsonToken.NOT_AVAILABLE;
      }
      if (next != null) {
        throw WebhookException.invalid(
            "body",
            "has data after the JSON value (at "
                + where(p.currentTokenLocation())
                + "); send exactly one JSON value");
      }
    } catch (IOException e) {
      throw WebhookException.invalid("body", "is not readable JSON");
    }
    checkNul(root, "");
    return root;
  }

  private static WebhookException refused(JsonParser p, JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String at = where(e.getLocation());
    if (message.startsWith("Duplicate field")) {
      JsonStreamContext context = p.getParsingContext();
      String key = context.getCurrentName();
      String parent = path(context.getParent());
      return WebhookException.invalid(
          parent.isEmpty() ? key : parent + "." + key,
          "is given twice (at " + at + "); each key may appear once in an object");
    }
    String text = ErrorText.clean(parserText(message), "unexpected input");
    return WebhookException.invalid("body", "is not valid JSON (at " + at + "): " + text);
  }

  /** The dotted path of a parsing context: {@code alerts[0].labels.job}. */
  private static String path(JsonStreamContext context) {
    if (context == null || context.inRoot()) {
      return "";
    }
    String parent = path(context.getParent());
    if (context.inArray()) {
      return parent + "[" + Math.max(0, context.getCurrentIndex()) + "]";
    }
    String name = context.getCurrentName();
    if (name == null) {
      return parent;
    }
    return parent.isEmpty() ? name : parent + "." + name;
  }

  private static void checkNul(JsonNode node, String path) {
    if (node.isTextual()) {
      if (node.textValue().indexOf('\0') >= 0) {
        throw nul(path.isEmpty() ? "body" : path);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkNul(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (e.getKey().indexOf('\0') >= 0) {
          throw nul(child.replace("\0", "\\u0000"));
        }
        checkNul(e.getValue(), child);
      }
    }
  }

  private static WebhookException nul(String field) {
    return WebhookException.invalid(
        field, "contains a NUL character (\\u0000), which the alert inbox cannot store");
  }

  private static String where(JsonLocation location) {
    return location == null
        ? "an unknown position"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** The parser's own words, without its source references and feature names. */
  private static String parserText(String message) {
    String text = message;
    for (String cut : new String[] {"\n", " (start marker at", " [Source:", " at [Source:"}) {
      int i = text.indexOf(cut);
      if (i >= 0) {
        text = text.substring(0, i);
      }
    }
    return text.contains("`") ? null : text.strip();
  }
}
