package dev.runbooks.language.catalog;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the runbook files under a directory: every {@code *.yaml} and {@code *.yml} file, at any
 * depth, following symbolic links, skipping directories named {@code schema} and hidden files and
 * directories (such as the {@code ..data} directories of a Kubernetes ConfigMap mount), and test
 * files ({@code *.test.yaml}, see {@link TestFiles}).
 */
final class RunbookFiles {
  /** The files found, sorted, and the paths that could not be read while walking. */
  record Scan(List<Path> files, Map<Path, String> unreadable) {}

  private RunbookFiles() {}

  static Scan scan(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null, "not a directory");
    }
    List<Path> files = new ArrayList<>();
    Map<Path, String> unreadable = new TreeMap<>();
    Files.walkFileTree(
        root,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
              return FileVisitResult.CONTINUE;
            }
            String name = dir.getFileName().toString();
            return name.equals("schema") || name.startsWith(".")
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && isRunbookName(file)) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!(e instanceof FileSystemLoopException) && isRunbookName(file)) {
              unreadable.put(file, describe(e));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    return new Scan(List.copyOf(files), unreadable);
  }

  /** The path as text with forward slashes, as it appears in problem locations. */
  static String label(Path file) {
    return file.toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  /** A short reason for an I/O failure. */
  static String describe(IOException e) {
    String kind = e.getClass().getSimpleName();
    String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
    return kind + detail;
  }

  private static boolean isRunbookName(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return false;
    }
    String text = name.toString().toLowerCase(Locale.ROOT);
    return !text.startsWith(".") && TestFiles.isRunbookFile(file);
  }
}
