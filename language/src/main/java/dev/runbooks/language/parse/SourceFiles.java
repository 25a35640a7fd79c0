package dev.runbooks.language.parse;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads runbook sources from files within {@link ParseLimits#maxFileBytes()}: never more than the
 * limit is read, and bytes that are not UTF-8 are a problem located at the first bad byte.
 */
public final class SourceFiles {
  /** A file's text, or the one problem that kept it from being read. */
  public record Source(String text, Problem problem) {
    /** Whether the text was read. */
    public boolean ok() {
      return problem == null;
    }
  }

  private SourceFiles() {}

  /**
   * Reads a file as UTF-8 text.
   *
   * @param file the file
   * @param label the file name used in problem locations
   * @throws IOException when the file cannot be read
   */
  public static Source read(Path file, String label, ParseLimits limits) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(limits.maxFileBytes() + 1);
    }
    if (bytes.length > limits.maxFileBytes()) {
      long size = Math.max(bytes.length, sizeOf(file));
      return new Source(null, tooLarge(label, size, limits));
    }
    return decode(bytes, label);
  }

  /** Decodes UTF-8; malformed bytes are one problem at the line and column of the first. */
  public static Source decode(byte[] bytes, String label) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      out.flip();
      int line = 1;
      int column = 1;
      for (int i = 0; i < out.limit(); i++) {
        char c = out.get(i);
        if (c == '\n') {
          line++;
          column = 1;
        } else if (!Character.isLowSurrogate(c)) {
          column++;
        }
      }
      String message =
          String.format(
              "the file is not UTF-8 text: byte 0x%02X at offset %d is not valid UTF-8;"
                  + " save the file as UTF-8",
              bytes[in.position()] & 0xFF, in.position());
      return new Source(null, new Problem(new Location(label, line, column), "", message));
    }
    out.flip();
    return new Source(out.toString(), null);
  }

  /** The problem of a source larger than the limit. */
  static Problem tooLarge(String label, long bytes, ParseLimits limits) {
    return new Problem(
        new Location(label, 1, 1),
        "",
        "the file is "
            + bytes
            + " bytes long; the limit is "
            + limits.maxFileBytes()
            + " bytes, so it was not parsed");
  }

  /** The length of a text in UTF-8, without encoding it. */
  static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
