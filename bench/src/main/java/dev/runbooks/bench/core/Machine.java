package dev.runbooks.bench.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the figures were measured on: CPU, cores, memory, operating system, JDK, and the load
 * average when the suite began (other work on a shared machine shows there).
 *
 * @param cpu the CPU model
 * @param cores the cores the JVM sees
 * @param memoryBytes the machine's memory
 * @param os the operating system
 * @param jdk the JDK running the load generator (the worker runs on the same {@code java})
 */
public record Machine(String cpu, int cores, long memoryBytes, String os, String jdk) {

  /** This machine. */
  public static Machine current() {
    return new Machine(
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        memTotal(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
  }

  /** One line for the report. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s, %d cores, %.0f GiB; %s; %s",
        cpu,
        cores,
        memoryBytes / 1073741824.0,
        os,
        jdk);
  }

  /** The 1, 5 and 15 minute load averages, or {@code unknown}. */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    return lines("/proc/cpuinfo").stream()
        .filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .findFirst()
        .orElse(System.getProperty("os.arch"));
  }

  private static long memTotal() {
    return lines("/proc/meminfo").stream()
        .filter(l -> l.startsWith("MemTotal:"))
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
        .findFirst()
        .orElse(Runtime.getRuntime().maxMemory());
  }

  /** A process's resident set size from {@code /proc/<pid>/status}, or NaN when unreadable. */
  public static double rssBytes(long pid) {
    return lines("/proc/" + pid + "/status").stream()
        .filter(l -> l.startsWith("VmRSS:"))
        .mapToDouble(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024.0)
        .findFirst()
        .orElse(Double.NaN);
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
