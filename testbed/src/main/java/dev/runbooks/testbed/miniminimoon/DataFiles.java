package dev.runbooks.testbed.miniminimoon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The real files of the data directory: listing them with sizes and times, and writing files of
 * given sizes and ages (random bytes, log text or result JSON) for the faults and the pipeline.
 */
final class DataFiles {
  private static final long DAY = 86_400_000L;

  private final Path root;
  private final Clock clock;
  private final Random random = new Random(3);

  DataFiles(Path root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  /** A file under the data directory. */
  record Entry(String path, Path file, long size, FileTime modified, FileTime accessed) {}

  /** Every regular file under the data directory. */
  List<Entry> files() {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return entries;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : (Iterable<Path>) walk::iterator) {
        try {
          BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
          if (a.isRegularFile()) {
            String rel = root.relativize(file).toString().replace('\\', '/');
            entries.add(new Entry(rel, file, a.size(), a.lastModifiedTime(), a.lastAccessTime()));
          }
        } catch (IOException e) {
          // deleted while walking
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // a directory vanished while walking; count what was seen
    }
    return entries;
  }

  /** Writes a file of random bytes, last modified and accessed the given days ago. */
  Path writeBinary(String relative, long size, int modifiedDaysAgo, int accessedDaysAgo) {
    byte[] bytes = new byte[(int) size];
    random.nextBytes(bytes);
    return write(relative, bytes, modifiedDaysAgo, accessedDaysAgo);
  }

  /** Writes a text file, last modified (and accessed) the given days ago. */
  Path writeText(String relative, String text, int daysAgo) {
    return write(relative, text.getBytes(StandardCharsets.UTF_8), daysAgo, daysAgo);
  }

  private Path write(String relative, byte[] bytes, int modifiedDaysAgo, int accessedDaysAgo) {
    Path file = root.resolve(relative);
    try {
      mkdirs(file.getParent());
      Files.write(file, bytes);
      long now = clock.millis();
      FileTime modified = FileTime.fromMillis(now - modifiedDaysAgo * DAY);
      FileTime accessed = FileTime.fromMillis(now - accessedDaysAgo * DAY);
      Files.getFileAttributeView(file, BasicFileAttributeView.class)
          .setTimes(modified, accessed, null);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Log lines of about this many bytes (compressible, as logs are). */
  String logText(long size) {
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (text.length() < size) {
      text.append("2026-01-01T00:00:")
          .append(String.format(Locale.ROOT, "%02d", i % 60))
          .append("Z INFO [trace=")
          .append(Integer.toHexString(0x1000 + i % 4096))
          .append("] plan_processing: Completed plan-")
          .append(i++)
          .append(" in 0.46s\n");
    }
    return text.substring(0, (int) size);
  }

  /** JSON of about this many bytes, part random as results are (compresses to about 3/4). */
  String jsonText(long size) {
    StringBuilder text = new StringBuilder("{\"embeddings\":\"");
    byte[] chunk = new byte[48];
    while (text.length() < size - 2) {
      random.nextBytes(chunk);
      text.append(Base64.getEncoder().encodeToString(chunk));
    }
    return text.substring(0, (int) size - 2) + "\"}";
  }

  static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory's contents and the directory itself, if it exists. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
