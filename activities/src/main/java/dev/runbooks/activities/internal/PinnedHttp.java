package dev.runbooks.activities.internal;

import dev.runbooks.activities.Destinations;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The HTTP/1.1 client of every executor that calls a URL: it resolves the host through {@link
 * Destinations} (once; every address checked) and opens the socket to exactly the address that was
 * checked, so no DNS answer can differ between the check and the connection.
 *
 * <p>Why not {@code java.net.http.HttpClient}: it resolves host names itself, when it connects, and
 * has no per-client resolver on Java 17 (the resolver SPI of Java 18 is process-wide). Calling it
 * with the checked IP in the URL instead would break TLS (the certificate is checked against the
 * IP, SNI names the IP) and needs the restricted {@code Host} header. Here the socket goes to the
 * checked {@link InetAddress}; for {@code https} the TLS layer runs over that socket with the host
 * name as SNI and as the name the certificate is verified against ({@code HTTPS} endpoint
 * identification), and the request carries the URL's {@code Host}.
 *
 * <p>One request per connection ({@code Connection: close}); responses with a length, chunked or
 * delimited by the connection's end; the body is kept up to a cap. Redirects (301, 302, 303, 307,
 * 308) are followed only when asked, at most {@code maxRedirects} hops, each one resolved and
 * checked again; a redirect from {@code https} to {@code http} is not followed, and {@code
 * Authorization} and {@code Cookie} are not sent to another host.
 */
final class PinnedHttp {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Set<String> RESTRICTED =
      Set.of("host", "connection", "content-length", "transfer-encoding", "expect", "upgrade");
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final int MAX_LINE = 64 * 1024;
  private static final ExecutorService EXCHANGES =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "runbook-http");
            t.setDaemon(true);
            return t;
          });

  /**
   * A response.
   *
   * @param status the status code
   * @param headers every header by lower-case name, values in order
   * @param body the body, at most the cap
   * @param truncated whether the body was longer than the cap
   * @param url the URL that answered (after redirects)
   */
  record Response(
      int status, Map<String, List<String>> headers, byte[] body, boolean truncated, URI url) {
    Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
  }

  /**
   * One request.
   *
   * @param method the method
   * @param url an absolute http or https URL
   * @param headers the request headers (not Host, Connection, Content-Length, Transfer-Encoding,
   *     Expect or Upgrade)
   * @param body the body, or null for none
   * @param timeout the time the whole exchange may take
   * @param cap the most body bytes kept
   * @param maxRedirects how many redirects to follow (0: none; the redirect is the response)
   * @param workerConfigured whether the worker's configuration chose the URL (see {@link
   *     Destinations#resolve})
   */
  record Request(
      String method,
      URI url,
      Map<String, String> headers,
      byte[] body,
      Duration timeout,
      int cap,
      int maxRedirects,
      boolean workerConfigured) {
    Request {
      for (var h : headers.entrySet()) {
        if (!TOKEN.matcher(h.getKey()).matches()) {
          throw new IllegalArgumentException("invalid header name: \"" + h.getKey() + "\"");
        }
        if (RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("restricted header name: \"" + h.getKey() + "\"");
        }
        if (h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0) {
          throw new IllegalArgumentException(
              "invalid header value for " + h.getKey() + ": it holds a line break");
        }
      }
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
        throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
      }
    }
  }

  private PinnedHttp() {}

  /**
   * Runs the exchange on a daemon thread, so the caller can heartbeat while it waits; traced with a
   * client span when the caller's context asks for it ({@link HttpSpan}).
   */
  static CompletableFuture<Response> sendAsync(Request request, Destinations destinations) {
    HttpSpan span = HttpSpan.start(request);
    Request traced = span.inject(request);
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return send(traced, destinations);
              } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            },
            EXCHANGES)
        .whenComplete(span::end);
  }

  /**
   * Sends a request, following redirects when the request says so.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code TargetDenied} for a refused destination
   *     (the first or a redirect's)
   */
  static Response send(Request request, Destinations destinations) throws IOException {
    long deadline = System.nanoTime() + request.timeout().toNanos();
    String method = request.method();
    URI url = request.url();
    byte[] body = request.body();
    Map<String, String> headers = new LinkedHashMap<>(request.headers());
    for (int hop = 0; ; hop++) {
      Response response = exchange(method, url, headers, body, deadline, request, destinations);
      Optional<String> location = response.header("location");
      if (hop >= request.maxRedirects()
          || !REDIRECTS.contains(response.status())
          || location.isEmpty()) {
        return response;
      }
      URI next = redirect(url, location.get());
      if (next == null
          || ("https".equalsIgnoreCase(url.getScheme())
              && !"https".equalsIgnoreCase(next.getScheme()))) {
        return response;
      }
      int status = response.status();
      if (status == 303 || ((status == 301 || status == 302) && !method.equals("HEAD"))) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
          method = "GET";
          body = null;
        }
      }
      if (!host(next).equals(host(url)) || port(next) != port(url)) {
        headers.keySet().removeIf(h -> h.equalsIgnoreCase("authorization"));
        headers.keySet().removeIf(h -> h.equalsIgnoreCase("cookie"));
      }
      url = next;
    }
  }

  private static URI redirect(URI base, String location) {
    try {
      URI next = base.resolve(new URI(location.strip()));
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && next.getHost() != null
          ? next
          : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Response exchange(
      String method,
      URI url,
      Map<String, String> headers,
      byte[] body,
      long deadline,
      Request request,
      Destinations destinations)
      throws IOException {
    String host = host(url);
    int port = port(url);
    InetAddress address =
        destinations.resolve(
            host, port, url, request.workerConfigured(), method + " " + JsonHttp.safe(url));
    Socket socket = new Socket();
    try {
      socket.connect(
          new InetSocketAddress(address, port),
          millis(Math.min(CONNECT_TIMEOUT.toNanos(), remaining(deadline))));
      socket.setSoTimeout(millis(remaining(deadline)));
      Socket channel = socket;
      if ("https".equalsIgnoreCase(url.getScheme())) {
        channel = tls(socket, host, port);
      }
      OutputStream out = channel.getOutputStream();
      out.write(head(method, url, headers, body).getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      InputStream in = new BufferedInputStream(channel.getInputStream());
      while (true) {
        socket.setSoTimeout(millis(remaining(deadline)));
        String statusLine = line(in);
        int status = status(statusLine);
        Map<String, List<String>> responseHeaders = headers(in);
        if (status >= 100 && status < 200 && status != 101) {
          continue;
        }
        byte[][] read = body(in, method, status, responseHeaders, request.cap(), deadline, socket);
        return new Response(status, responseHeaders, read[0], read[1].length > 0, url);
      }
    } finally {
      socket.close();
    }
  }

  private static Socket tls(Socket socket, String host, int port) throws IOException {
    SSLSocket ssl;
    try {
      ssl =
          (SSLSocket)
              SSLContext.getDefault().getSocketFactory().createSocket(socket, host, port, true);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IOException("no TLS", e);
    }
    SSLParameters params = ssl.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    if (!host.contains(":") && !host.matches("[0-9.]+")) {
      params.setServerNames(List.of(new SNIHostName(host)));
    }
    ssl.setSSLParameters(params);
    ssl.startHandshake();
    return ssl;
  }

  private static String head(String method, URI url, Map<String, String> headers, byte[] body) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    String hostHeader = url.getHost();
    if (url.getPort() >= 0) {
      hostHeader = hostHeader + ":" + url.getPort();
    }
    sb.append("Host: ").append(hostHeader).append("\r\n");
    boolean agent = false;
    for (var h : headers.entrySet()) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      agent |= h.getKey().equalsIgnoreCase("user-agent");
    }
    if (!agent) {
      sb.append("User-Agent: runbook-engine\r\n");
    }
    if (body != null || Set.of("POST", "PUT", "PATCH").contains(method)) {
      sb.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
    }
    sb.append("Connection: close\r\n\r\n");
    return sb.toString();
  }

  private static int status(String line) throws IOException {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP response: '" + JsonValues.head(line, 80) + "'");
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("bad HTTP status line: '" + JsonValues.head(line, 80) + "'");
    }
  }

  private static Map<String, List<String>> headers(InputStream in) throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      out.computeIfAbsent(
              line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
    return out;
  }

  /** The body and, as a second array of length 1 or 0, whether it was truncated. */
  private static byte[][] body(
      InputStream in,
      String method,
      int status,
      Map<String, List<String>> headers,
      int cap,
      long deadline,
      Socket socket)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean truncated = false;
    if (method.equals("HEAD") || status == 204 || status == 304) {
      return new byte[][] {out.toByteArray(), new byte[0]};
    }
    String te = String.join(",", headers.getOrDefault("transfer-encoding", List.of()));
    if (te.toLowerCase(Locale.ROOT).contains("chunked")) {
      while (!truncated) {
        socket.setSoTimeout(millis(remaining(deadline)));
        String sizeLine = line(in);
        int semi = sizeLine.indexOf(';');
        long size;
        try {
          size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("bad chunk size: '" + JsonValues.head(sizeLine, 40) + "'");
        }
        if (size == 0) {
          break;
        }
        truncated = copy(in, out, size, cap, deadline, socket);
        if (!truncated) {
          line(in);
        }
      }
    } else if (headers.containsKey("content-length")) {
      long length;
      try {
        length = Long.parseLong(headers.get("content-length").get(0));
      } catch (NumberFormatException e) {
        throw new IOException("bad Content-Length");
      }
      truncated = copy(in, out, length, cap, deadline, socket);
    } else {
      truncated = copy(in, out, Long.MAX_VALUE, cap, deadline, socket);
    }
    return new byte[][] {out.toByteArray(), truncated ? new byte[1] : new byte[0]};
  }

  /** Copies up to {@code length} bytes (to the end for MAX_VALUE); true when the cap cut it. */
  private static boolean copy(
      InputStream in, ByteArrayOutputStream out, long length, int cap, long deadline, Socket socket)
      throws IOException {
    byte[] buffer = new byte[8192];
    long left = length;
    while (left > 0) {
      socket.setSoTimeout(millis(remaining(deadline)));
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        if (length == Long.MAX_VALUE) {
          return false;
        }
        throw new IOException("the response ended early");
      }
      left -= n;
      int room = cap - out.size();
      if (n > room) {
        out.write(buffer, 0, Math.max(0, room));
        return true;
      }
      out.write(buffer, 0, n);
    }
    return false;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (line.size() == 0) {
          throw new IOException("the connection closed before a response");
        }
        break;
      }
      if (b == '\n') {
        break;
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("a response line is longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static long remaining(long deadline) throws SocketTimeoutException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("timed out");
    }
    return left;
  }

  private static int millis(long nanos) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
  }

  static String host(URI url) {
    String h = url.getHost();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.toLowerCase(Locale.ROOT);
  }

  static int port(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
