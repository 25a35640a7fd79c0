package dev.runbooks.activities.internal;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.Durations;
import dev.runbooks.language.steps.ActionRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Executes {@code tcp} steps: opens a TCP connection and closes it again. The result is {@code
 * {host, port, connected, durationMs}}; a connection that cannot be opened in time fails with
 * {@code TcpConnectFailed}. The host is resolved once and checked by the step's {@link
 * dev.runbooks.activities.Destinations}; the socket connects to the checked address.
 */
final class TcpExecutor implements StepExecutor {
  /** An executor; it needs nothing of the environment. */
  TcpExecutor() {}

  @Override
  public String type() {
    return "tcp";
  }

  @Override
  public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
    TcpConfig config = TcpConfig.bind(request.config());
    String target = config.host() + ":" + config.port();
    long started = System.nanoTime();
    InetSocketAddress address =
        checkedAddress(ctx, config.host(), config.port(), StepFailures.TCP_CONNECT_FAILED);
    try (Socket socket = new Socket()) {
      socket.connect(address, (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()));
    } catch (SocketTimeoutException e) {
      throw StepFailures.retryableWithCause(
          target + ": connect timed out after " + Durations.format(config.timeout()),
          StepFailures.TCP_CONNECT_FAILED,
          e);
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw StepFailures.retryableWithCause(
          target + ": " + reason, StepFailures.TCP_CONNECT_FAILED, e);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("host", config.host());
    result.put("port", (long) config.port());
    result.put("connected", true);
    result.put("durationMs", (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  /**
   * The address a step connecting to {@code host:port} connects to: the host resolved once and
   * checked by the step's destinations, so the socket connects to the checked address. A host that
   * does not resolve fails the step as retryable with {@code failureType}.
   */
  static InetSocketAddress checkedAddress(
      StepContext ctx, String host, int port, String failureType) {
    String target = host + ":" + port;
    try {
      return new InetSocketAddress(
          ctx.destinations().resolve(host, port, null, false, target), port);
    } catch (java.net.UnknownHostException e) {
      throw StepFailures.retryable(target + ": cannot resolve host " + host, failureType, null);
    }
  }
}
