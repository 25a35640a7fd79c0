package dev.runbooks.starter.intake.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads a webhook's raw body: JSON only (415 otherwise), at most the size limit (413 when the
 * declared length is over it, or when more bytes arrive than the limit while reading).
 */
final class BodyReader {
  private final long limit;

  BodyReader(long limit) {
    this.limit = limit;
  }

  byte[] read(HttpServletRequest request) {
    checkMediaType(request.getContentType());
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      throw tooLarge("the body declares " + declared + " bytes");
    }
    try (InputStream in = request.getInputStream()) {
      byte[] buffer = new byte[(int) Math.min(Math.max(declared, 8192), limit + 1)];
      int size = 0;
      while (true) {
        if (size == buffer.length) {
          if (size > limit) {
            throw tooLarge("the body has more than " + limit + " bytes");
          }
          buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, limit + 1));
        }
        int n = in.read(buffer, size, buffer.length - size);
        if (n < 0) {
          break;
        }
        size += n;
      }
      if (size > limit) {
        throw tooLarge("the body has more than " + limit + " bytes");
      }
      return Arrays.copyOf(buffer, size);
    } catch (IOException e) {
      throw WebhookException.invalid(
          "body", "could not be read whole (the connection ended early)");
    }
  }

  private WebhookException tooLarge(String what) {
    return new WebhookException(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload too large",
        what + "; the limit is " + limit + " bytes");
  }

  private static void checkMediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw unsupported("no Content-Type; send application/json");
    }
    MediaType type;
    try {
      type = MediaType.parseMediaType(contentType);
    } catch (InvalidMediaTypeException e) {
      throw unsupported("unreadable Content-Type '" + contentType + "'; send application/json");
    }
    boolean json =
        type.isCompatibleWith(MediaType.APPLICATION_JSON)
            || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
    if (!json || type.isWildcardType() || type.isWildcardSubtype()) {
      throw unsupported("Content-Type '" + contentType + "' is not JSON; send application/json");
    }
  }

  private static WebhookException unsupported(String message) {
    return new WebhookException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported media type", message);
  }
}
