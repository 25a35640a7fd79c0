package dev.runbooks.bench.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Where the bench's own listeners go: any free port (the default, as {@code make bench} always
 * did), or the first free port of a range ({@code --ports=33000-33049}), so that a run beside other
 * services on a shared machine stays inside the ports it was given.
 */
public final class Ports {
  /** Any free port the kernel gives. */
  public static final Ports ANY = new Ports(0, 0);

  private final int first;
  private final int last;
  private int next;

  private Ports(int first, int last) {
    this.first = first;
    this.last = last;
    this.next = first;
  }

  /**
   * A range {@code FIRST-LAST} (inclusive, 1024-65535), or {@link #ANY} for a blank text.
   *
   * @throws IllegalArgumentException when the text is not such a range
   */
  public static Ports parse(String text) {
    if (text == null || text.isBlank()) {
      return ANY;
    }
    String[] parts = text.trim().split("-", -1);
    try {
      if (parts.length == 2) {
        int first = Integer.parseInt(parts[0].trim());
        int last = Integer.parseInt(parts[1].trim());
        if (first >= 1024 && first <= last && last <= 65535) {
          return new Ports(first, last);
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--ports must be a range FIRST-LAST between 1024 and 65535, like 33000-33049; got '"
            + text
            + "'");
  }

  /** Whether this is a range rather than any port. */
  public boolean ranged() {
    return first > 0;
  }

  /**
   * A port nobody listens on now: the kernel's choice, or the next free one of the range (ports
   * handed out before are skipped even when nothing listens on them yet).
   *
   * @throws IOException when every port of the range is taken
   */
  public synchronized int take() throws IOException {
    if (!ranged()) {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
    while (next <= last) {
      int port = next++;
      if (free(port)) {
        return port;
      }
    }
    throw new IOException("no free port left in " + this + " (give a larger --ports range)");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return ranged() ? first + "-" + last : "any free port";
  }
}
